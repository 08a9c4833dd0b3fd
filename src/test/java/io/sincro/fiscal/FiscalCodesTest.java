package io.sincro.fiscal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FiscalCodesTest {

    @Test
    void validPartitaIvaPassesWithOrWithoutCountryPrefix() {
        assertThat(PartitaIva.whyInvalid("01114601006")).isEmpty();
        assertThat(PartitaIva.whyInvalid("IT 01114601006")).isEmpty();
        assertThat(PartitaIva.whyInvalid("12345678903")).isEmpty();
    }

    @Test
    void partitaIvaWithAWrongCheckDigitIsRejectedWithTheExpectedDigit() {
        assertThat(PartitaIva.whyInvalid("01114601007"))
                .contains("partita IVA 01114601007 fails its check digit (expected 6)");
    }

    @Test
    void partitaIvaOfTheWrongShapeIsRejected() {
        assertThat(PartitaIva.whyInvalid("0111460100")).hasValueSatisfying(r -> assertThat(r).contains("11 digits"));
        assertThat(PartitaIva.whyInvalid("00000000000")).hasValueSatisfying(r -> assertThat(r).contains("zeros"));
    }

    @Test
    void foreignVatNumbersAreRecognisedAsForeign() {
        assertThat(PartitaIva.isForeign("DE123456789")).isTrue();
        assertThat(PartitaIva.isForeign("IT01114601006")).isFalse();
        assertThat(PartitaIva.isForeign("01114601006")).isFalse();
    }

    @Test
    void personalCodiceFiscaleWithTheRightCheckCharacterPasses() {
        assertThat(CodiceFiscale.whyInvalid("RSSMRA85T10A562S")).isEmpty();
        assertThat(CodiceFiscale.whyInvalid("rssmra85t10a562s")).isEmpty();
    }

    @Test
    void omocodicCodiceFiscalePasses() {
        // RSSMRA85T10A562S with its last digit replaced by the omocodia letter V (6 -> S ... 2 -> N)
        String omocodic = "RSSMRA85T10A56N";
        assertThat(CodiceFiscale.whyInvalid(omocodic + CodiceFiscale.checkCharacter(omocodic))).isEmpty();
    }

    @Test
    void codiceFiscaleWithAWrongCheckCharacterIsRejected() {
        assertThat(CodiceFiscale.whyInvalid("RSSMRA85T10A562T"))
                .contains("codice fiscale RSSMRA85T10A562T fails its check character (expected S)");
    }

    @Test
    void numericCodiceFiscaleOfACompanyIsCheckedLikeAPartitaIva() {
        assertThat(CodiceFiscale.whyInvalid("01114601006")).isEmpty();
        assertThat(CodiceFiscale.whyInvalid("01114601007")).isPresent();
    }
}
