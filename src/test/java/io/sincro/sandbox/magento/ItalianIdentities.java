package io.sincro.sandbox.magento;

import io.sincro.fiscal.CodiceFiscale;
import io.sincro.fiscal.PartitaIva;
import java.text.Normalizer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Realistic people, companies and addresses for the sandbox shop: Italian names and cities with
 * their province codes, fiscal codes (codice fiscale) built by the real algorithm, partite IVA with
 * a correct check digit (or a deliberately wrong one), and German/French VAT numbers with valid
 * check digits. E-mail domains are the reserved example.com/.org/.net.
 */
final class ItalianIdentities {

    private record City(String name, String postcode, String provinceCode, String province, int regionId,
            String belfiore, String vatOffice, String phonePrefix) {
    }

    private record ForeignCity(String name, String postcode, String regionCode, String region, int regionId,
            String countryId, String phonePrefix) {
    }

    private static final List<City> CITIES = List.of(
            new City("Milano", "20121", "MI", "Milano", 643, "F205", "015", "02"),
            new City("Roma", "00184", "RM", "Roma", 680, "H501", "058", "06"),
            new City("Torino", "10121", "TO", "Torino", 700, "L219", "001", "011"),
            new City("Napoli", "80133", "NA", "Napoli", 648, "F839", "063", "081"),
            new City("Bologna", "40121", "BO", "Bologna", 595, "A944", "037", "051"),
            new City("Firenze", "50122", "FI", "Firenze", 618, "D612", "048", "055"),
            new City("Genova", "16121", "GE", "Genova", 621, "D969", "010", "010"),
            new City("Venezia", "30121", "VE", "Venezia", 707, "L736", "027", "041"),
            new City("Verona", "37121", "VR", "Verona", 712, "L781", "023", "045"),
            new City("Bari", "70121", "BA", "Bari", 588, "A662", "072", "080"),
            new City("Palermo", "90133", "PA", "Palermo", 655, "G273", "082", "091"),
            new City("Padova", "35121", "PD", "Padova", 653, "G224", "028", "049"),
            new City("Bergamo", "24121", "BG", "Bergamo", 590, "A794", "016", "035"),
            new City("Trieste", "34121", "TS", "Trieste", 703, "L424", "032", "040"),
            new City("Cagliari", "09124", "CA", "Cagliari", 599, "B354", "092", "070"),
            new City("Brescia", "25121", "BS", "Brescia", 597, "B157", "017", "030"));

    private static final List<ForeignCity> FOREIGN_CITIES = List.of(
            new ForeignCity("Berlin", "10115", "BER", "Berlin", 82, "DE", "+49 30"),
            new ForeignCity("München", "80331", "BAY", "Bayern", 81, "DE", "+49 89"),
            new ForeignCity("Hamburg", "20095", "HAM", "Hamburg", 85, "DE", "+49 40"),
            new ForeignCity("Paris", "75002", "75", "Paris", 257, "FR", "+33 1"),
            new ForeignCity("Lyon", "69002", "69", "Rhône", 251, "FR", "+33 4"));

    private static final List<String> MALE = List.of("Marco", "Luca", "Giuseppe", "Francesco", "Alessandro",
            "Andrea", "Matteo", "Lorenzo", "Davide", "Stefano", "Giovanni", "Niccolò", "Paolo", "Simone", "Fabio");
    private static final List<String> FEMALE = List.of("Giulia", "Francesca", "Chiara", "Sara", "Martina",
            "Valentina", "Elena", "Alessia", "Federica", "Silvia", "Laura", "Anna", "Paola", "Ilaria", "Beatrice");
    private static final List<String> SURNAMES = List.of("Rossi", "Russo", "Ferrari", "Esposito", "Bianchi",
            "Romano", "Colombo", "Ricci", "Marino", "Greco", "Bruno", "Gallo", "Conti", "De Luca", "Mancini",
            "Costa", "Giordano", "Rizzo", "Lombardi", "Moretti", "Barbieri", "Fontana", "Santoro", "Mariani",
            "Rinaldi", "Caruso", "Ferrara", "Galli", "Martini", "D'Angelo");
    private static final List<String> STREETS = List.of("Via Roma", "Corso Vittorio Emanuele II", "Via Garibaldi",
            "Piazza della Repubblica", "Via Dante Alighieri", "Viale Europa", "Via Giuseppe Mazzini", "Via Cavour",
            "Via XX Settembre", "Via Alessandro Manzoni", "Via Nazionale", "Corso Italia");
    private static final List<String> SECOND_LINES = List.of("Scala B", "Interno 4", "Piano 2", "c/o Ufficio acquisti");
    private static final List<String> GERMAN_FIRST = List.of("Anna", "Lukas", "Jonas", "Lea", "Felix", "Sophie");
    private static final List<String> GERMAN_LAST = List.of("Schmidt", "Müller", "Weber", "Fischer", "Wagner");
    private static final List<String> FRENCH_FIRST = List.of("Camille", "Louis", "Chloé", "Hugo", "Léa", "Jules");
    private static final List<String> FRENCH_LAST = List.of("Martin", "Bernard", "Dubois", "Moreau", "Laurent");
    private static final List<String> DOMAINS = List.of("example.com", "example.org", "example.net");
    private static final String MONTHS = "ABCDEHLMPRST";
    private static final String SDI_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789";

    private ItalianIdentities() {
    }

    /** A new party of the given kind; with {@code invalidVat} a company whose partita IVA fails its check digit. */
    static Party party(Random random, Party.Kind kind, boolean invalidVat) {
        return kind == Party.Kind.FOREIGN_COMPANY ? foreignCompany(random) : italian(random, kind, invalidVat);
    }

    private static Party italian(Random random, Party.Kind kind, boolean invalidVat) {
        boolean female = random.nextBoolean();
        String firstname = pick(random, female ? FEMALE : MALE);
        String lastname = pick(random, SURNAMES);
        City city = pick(random, CITIES);
        String telephone = mobile(random);
        Party.Address billing = italianAddress(random, city, telephone);
        Party.Address shipping = random.nextInt(4) == 0 ? italianAddress(random, pick(random, CITIES), telephone) : billing;
        String codiceFiscale = codiceFiscale(lastname, firstname, birthDate(random), female, pick(random, CITIES).belfiore());
        String email = email(firstname, lastname, random);
        return switch (kind) {
            case PRIVATE -> new Party(kind, firstname, lastname, email, telephone, null, null, codiceFiscale, null, null,
                    billing, shipping);
            case SOLE_TRADER -> new Party(kind, firstname, lastname, email, telephone, null, partitaIva(random, city),
                    codiceFiscale, null, slug(lastname + firstname) + "@pec.example.com", billing, shipping);
            case COMPANY -> company(random, firstname, lastname, email, city, billing, shipping, invalidVat);
            case FOREIGN_COMPANY -> throw new IllegalArgumentException(kind.name());
        };
    }

    /** A company: its partita IVA is also its (numeric) codice fiscale; e-invoices go to an SDI code or a PEC. */
    private static Party company(Random random, String firstname, String lastname, String email, City city,
            Party.Address billing, Party.Address shipping, boolean invalidVat) {
        String name = companyName(random, lastname, city);
        String vat = partitaIva(random, city);
        if (invalidVat) {
            vat = vat.substring(0, 10) + (char) ('0' + (vat.charAt(10) - '0' + 1) % 10);
        }
        boolean sdi = random.nextBoolean();
        return new Party(Party.Kind.COMPANY, firstname, lastname, email, billing.telephone(), name, vat,
                invalidVat ? null : vat, sdi ? codiceSdi(random) : null,
                sdi ? null : slug(name) + "@pec.example.com", billing, shipping);
    }

    private static Party foreignCompany(Random random) {
        ForeignCity city = pick(random, FOREIGN_CITIES);
        boolean german = city.countryId().equals("DE");
        String firstname = pick(random, german ? GERMAN_FIRST : FRENCH_FIRST);
        String lastname = pick(random, german ? GERMAN_LAST : FRENCH_LAST);
        String telephone = city.phonePrefix() + " " + digits(random, 7);
        String street = (german ? "Hauptstraße " : "Rue de la République ") + (1 + random.nextInt(120));
        Party.Address address = new Party.Address(List.of(street), city.name(), city.postcode(), city.region(),
                city.regionCode(), city.regionId(), city.countryId(), telephone);
        String company = lastname + (german ? " GmbH" : " SARL");
        return new Party(Party.Kind.FOREIGN_COMPANY, firstname, lastname, email(firstname, lastname, random), telephone,
                company, german ? germanVat(random) : frenchVat(random), null, null, null, address, address);
    }

    private static Party.Address italianAddress(Random random, City city, String telephone) {
        List<String> street = new ArrayList<>();
        street.add(pick(random, STREETS) + " " + (1 + random.nextInt(150)));
        if (random.nextInt(5) == 0) {
            street.add(pick(random, SECOND_LINES));
        }
        String landline = random.nextBoolean() ? telephone : "+39 " + city.phonePrefix() + " " + digits(random, 7);
        return new Party.Address(street, city.name(), city.postcode(), city.province(), city.provinceCode(),
                city.regionId(), "IT", landline);
    }

    private static String companyName(Random random, String lastname, City city) {
        return switch (random.nextInt(5)) {
            case 0 -> lastname + " S.r.l.";
            case 1 -> "Bar Centrale di " + lastname + " & C. S.n.c.";
            case 2 -> "Torrefazione " + lastname + " S.r.l.";
            case 3 -> "Caffetteria " + city.name() + " S.a.s.";
            default -> lastname + " Distribuzione S.p.A.";
        };
    }

    /** 7 digits of company number, the 3-digit office code of the province, the check digit. */
    static String partitaIva(Random random, String vatOffice) {
        String firstTen = "0" + digits(random, 6) + vatOffice;
        if (firstTen.chars().allMatch(c -> c == '0')) {
            firstTen = "01" + firstTen.substring(2);
        }
        return firstTen + PartitaIva.checkDigit(firstTen);
    }

    private static String partitaIva(Random random, City city) {
        return partitaIva(random, city.vatOffice());
    }

    /** The codice fiscale of a person: surname, name, birth date and sex, birthplace, check character. */
    static String codiceFiscale(String lastname, String firstname, LocalDate birth, boolean female, String belfiore) {
        String firstFifteen = surnameCode(lastname) + nameCode(firstname)
                + String.format("%02d", birth.getYear() % 100) + MONTHS.charAt(birth.getMonthValue() - 1)
                + String.format("%02d", birth.getDayOfMonth() + (female ? 40 : 0)) + belfiore;
        return firstFifteen + CodiceFiscale.checkCharacter(firstFifteen);
    }

    private static String surnameCode(String surname) {
        String letters = letters(surname);
        return (consonants(letters) + vowels(letters) + "XXX").substring(0, 3);
    }

    private static String nameCode(String name) {
        String letters = letters(name);
        String consonants = consonants(letters);
        if (consonants.length() >= 4) {
            return "" + consonants.charAt(0) + consonants.charAt(2) + consonants.charAt(3);
        }
        return (consonants + vowels(letters) + "XXX").substring(0, 3);
    }

    private static String letters(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFD).toUpperCase(Locale.ROOT).replaceAll("[^A-Z]", "");
    }

    private static String consonants(String letters) {
        return letters.replaceAll("[AEIOU]", "");
    }

    private static String vowels(String letters) {
        return letters.replaceAll("[^AEIOU]", "");
    }

    private static LocalDate birthDate(Random random) {
        return LocalDate.of(1950, 1, 1).plusDays(random.nextInt(365 * 52));
    }

    /** DE + 8 digits + the ISO 7064 MOD 11,10 check digit the German VAT number uses. */
    static String germanVat(Random random) {
        String body = (1 + random.nextInt(9)) + digits(random, 7);
        int product = 10;
        for (char c : body.toCharArray()) {
            int sum = (c - '0' + product) % 10;
            product = (2 * (sum == 0 ? 10 : sum)) % 11;
        }
        int check = 11 - product;
        return "DE" + body + (check == 10 ? 0 : check);
    }

    /** FR + the 2-digit key (12 + 3 × (SIREN mod 97)) mod 97 + a SIREN with its Luhn digit. */
    static String frenchVat(Random random) {
        String payload = (1 + random.nextInt(9)) + digits(random, 7);
        String siren = payload + luhnDigit(payload);
        long key = (12 + 3 * (Long.parseLong(siren) % 97)) % 97;
        return "FR" + String.format("%02d", key) + siren;
    }

    private static int luhnDigit(String payload) {
        for (int digit = 0; digit < 10; digit++) {
            String candidate = payload + digit;
            int sum = 0;
            for (int i = 0; i < candidate.length(); i++) {
                int d = candidate.charAt(candidate.length() - 1 - i) - '0';
                sum += i % 2 == 1 ? (d * 2 > 9 ? d * 2 - 9 : d * 2) : d;
            }
            if (sum % 10 == 0) {
                return digit;
            }
        }
        throw new IllegalStateException("a Luhn digit always exists");
    }

    private static String codiceSdi(Random random) {
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < 7; i++) {
            code.append(SDI_ALPHABET.charAt(random.nextInt(SDI_ALPHABET.length())));
        }
        return code.toString();
    }

    private static String email(String firstname, String lastname, Random random) {
        return slug(firstname) + "." + slug(lastname) + "@" + pick(random, DOMAINS);
    }

    private static String mobile(Random random) {
        return "+39 3" + (20 + random.nextInt(80)) + " " + digits(random, 7);
    }

    /** Lower-case ASCII letters and digits only: "D'Angelo S.r.l." → "dangelosrl". */
    static String slug(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFD).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }

    private static String digits(Random random, int count) {
        StringBuilder digits = new StringBuilder();
        for (int i = 0; i < count; i++) {
            digits.append(random.nextInt(10));
        }
        return digits.toString();
    }

    static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
