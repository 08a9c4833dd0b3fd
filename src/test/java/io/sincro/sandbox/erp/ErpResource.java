package io.sincro.sandbox.erp;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/** The resources the simulator serves under {@code /webapi/risorse/}, and what each allows. */
enum ErpResource {
    CLIENTI("clienti", ErpFields.CLIENTI, true, true, true),
    ARTICOLI("articoli", ErpFields.ARTICOLI, true, true, true),
    ALIAS_ARTICOLI("alias-articoli", ErpFields.ALIAS_ARTICOLI, true, true, false),
    INDIRIZZI_SPEDIZIONE("indirizzi-spedizione", ErpFields.INDIRIZZI_SPEDIZIONE, true, true, true),
    ORDINI_CLIENTI("documenti/ordini-clienti", ErpFields.ORDINI_TESTATA, true, true, true),
    ORDINI_CLIENTI_RIGHE("documenti/ordini-clienti/righe", ErpFields.ORDINI_RIGHE_VISTA, false, false, false),
    MOVIMENTI_MAGAZZINO("documenti/movimenti-magazzino", ErpFields.MOVIMENTI_TESTATA, true, true, false),
    MOVIMENTI_MAGAZZINO_RIGHE("documenti/movimenti-magazzino/righe", ErpFields.MOVIMENTI_RIGHE_VISTA, false, false,
            false),
    /** A GET list only, answered in columns; no {@code ricerca} (self-description, progressivi-articoli.yaml). */
    PROGRESSIVI_ARTICOLI("progressivi-articoli", ErpFields.PROGRESSIVI_ARTICOLI, false, false, false, false, true),
    PAGAMENTI("dati-generali/pagamenti", ErpFields.PAGAMENTI, false, false, false),
    LISTINI("dati-generali/listini", ErpFields.LISTINI, false, false, false),
    VALUTE("dati-generali/valute", ErpFields.VALUTE, false, false, false),
    ESENZIONI_IVA("dati-generali/esenzioni-iva", ErpFields.ESENZIONI_IVA, false, false, false),
    MAGAZZINI("dati-generali/magazzini", ErpFields.MAGAZZINI, false, false, false),
    GRUPPI_MERCEOLOGICI("dati-generali/gruppi-merceologici", ErpFields.GRUPPI_MERCEOLOGICI, false, false, false);

    final String path;
    /** The fields lists and searches filter on and return. */
    final ErpFields.FieldSet fields;
    final boolean readable;
    final boolean creatable;
    final boolean updatable;
    /** Whether {@code POST …/ricerca} exists. */
    final boolean searchable;
    /** Whether a list answers in the columnar form ({@code {"field": [[index, value], …]}}) instead of {@code dati}. */
    final boolean columnar;

    ErpResource(String path, ErpFields.FieldSet fields, boolean readable, boolean creatable, boolean updatable) {
        this(path, fields, readable, creatable, updatable, true, false);
    }

    ErpResource(String path, ErpFields.FieldSet fields, boolean readable, boolean creatable, boolean updatable,
            boolean searchable, boolean columnar) {
        this.path = path;
        this.fields = fields;
        this.readable = readable;
        this.creatable = creatable;
        this.updatable = updatable;
        this.searchable = searchable;
        this.columnar = columnar;
    }

    /** Documents are keyed {@code sigla+serie+numero}; every other resource by one code. */
    boolean compositeKey() {
        return this == ORDINI_CLIENTI || this == MOVIMENTI_MAGAZZINO;
    }

    /** The fields {@code ?fields=} may name on a read of one record. */
    List<ErpFields.FieldSet> readFields() {
        return switch (this) {
            case ORDINI_CLIENTI -> List.of(ErpFields.ORDINI_TESTATA, ErpFields.ORDINI_RIGHE);
            case MOVIMENTI_MAGAZZINO -> List.of(ErpFields.MOVIMENTI_TESTATA, ErpFields.MOVIMENTI_RIGHE);
            default -> List.of(fields);
        };
    }

    /** The read-only lookup tables of dati-generali. */
    boolean isLookup() {
        return path.startsWith("dati-generali/");
    }

    /** Longest path first, so that {@code documenti/ordini-clienti/righe} wins over {@code documenti/ordini-clienti}. */
    static final List<ErpResource> BY_PATH_LENGTH = Arrays.stream(values())
            .sorted(Comparator.comparingInt((ErpResource resource) -> resource.path.length()).reversed()).toList();
}
