package io.sincro.sandbox.erp;

import java.util.List;

/** The resources the simulator serves under {@code /webapi/risorse/}, and what each allows. */
enum ErpResource {
    CLIENTI("clienti", ErpFields.CLIENTI, true, true, true),
    ARTICOLI("articoli", ErpFields.ARTICOLI, true, true, true),
    ALIAS_ARTICOLI("alias-articoli", ErpFields.ALIAS_ARTICOLI, true, true, false),
    INDIRIZZI_SPEDIZIONE("indirizzi-spedizione", ErpFields.INDIRIZZI_SPEDIZIONE, true, true, true),
    ORDINI_CLIENTI("documenti/ordini-clienti", ErpFields.ORDINI_TESTATA, true, true, false),
    ORDINI_CLIENTI_RIGHE("documenti/ordini-clienti/righe", ErpFields.ORDINI_RIGHE_VISTA, false, false, false);

    final String path;
    /** The fields lists and searches filter on and return. */
    final ErpFields.FieldSet fields;
    final boolean readable;
    final boolean creatable;
    final boolean updatable;

    ErpResource(String path, ErpFields.FieldSet fields, boolean readable, boolean creatable, boolean updatable) {
        this.path = path;
        this.fields = fields;
        this.readable = readable;
        this.creatable = creatable;
        this.updatable = updatable;
    }

    /** The fields {@code ?fields=} may name on a read of one record. */
    List<ErpFields.FieldSet> readFields() {
        return this == ORDINI_CLIENTI ? List.of(ErpFields.ORDINI_TESTATA, ErpFields.ORDINI_RIGHE) : List.of(fields);
    }

    /** Longest path first, so that {@code documenti/ordini-clienti/righe} wins over {@code documenti/ordini-clienti}. */
    static final List<ErpResource> BY_PATH_LENGTH = List.of(ORDINI_CLIENTI_RIGHE, ORDINI_CLIENTI,
            INDIRIZZI_SPEDIZIONE, ALIAS_ARTICOLI, ARTICOLI, CLIENTI);
}
