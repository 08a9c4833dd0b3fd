package io.sincro.sandbox.erp;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fields each simulated resource accepts, as the WebAPI describes them with {@code GET /risorse/<res>?info=true}
 * (Mexal build 88201, the {@code docs/api/sorgenti/info/*.json} snapshots of the public php-mexal-api repository).
 *
 * <p>Compact notation, one token per field, in the order of the self-description: {@code name} is
 * Alfanumerico, {@code name:N} Numerico (integer), {@code name:D} Numerico con virgola, a {@code [n]}
 * suffix is {@code dimensione_array} n (the value is a list of {@code [index, value]} pairs, index 1…n).
 * Key fields are listed separately.
 */
final class ErpFields {

    enum Type {
        ALFANUMERICO("Alfanumerico"), NUMERICO("Numerico"), DECIMALE("Numerico con virgola");

        final String label;

        Type(String label) {
            this.label = label;
        }
    }

    /** One field: its name, type and array size (0 for a scalar). */
    record Field(String name, Type type, int dimension) {
        boolean isArray() {
            return dimension > 0;
        }

        boolean isNumeric() {
            return type != Type.ALFANUMERICO;
        }
    }

    /** The fields of one resource, in the order of its self-description. */
    static final class FieldSet {
        private final String path;
        private final Map<String, Field> fields;
        private final Set<String> keys;

        private FieldSet(String path, String spec, Set<String> keys) {
            this.path = path;
            this.fields = Collections.unmodifiableMap(parse(spec));
            this.keys = keys;
        }

        private FieldSet(String path, Map<String, Field> fields, Set<String> keys) {
            this.path = path;
            this.fields = Collections.unmodifiableMap(fields);
            this.keys = keys;
        }

        /** The same fields less those named. */
        FieldSet without(java.util.Collection<String> names) {
            Map<String, Field> kept = new LinkedHashMap<>(fields);
            kept.keySet().removeAll(names);
            return new FieldSet(path, kept, keys);
        }

        Field get(String name) {
            return fields.get(name);
        }

        boolean contains(String name) {
            return fields.containsKey(name);
        }

        List<Field> all() {
            return new ArrayList<>(fields.values());
        }

        List<String> names() {
            return new ArrayList<>(fields.keySet());
        }

        /** The {@code ?info=true} answer: {@code {"path": ..., "campi": [{nome, tipo, dimensione_array?, chiave?}]}}. */
        ObjectNode info() {
            ObjectNode info = ErpJson.object().put("path", path);
            ArrayNode campi = info.putArray("campi");
            for (Field field : fields.values()) {
                ObjectNode campo = campi.addObject().put("nome", field.name()).put("tipo", field.type().label);
                if (field.isArray()) {
                    campo.put("dimensione_array", Integer.toString(field.dimension()));
                }
                if (keys.contains(field.name())) {
                    campo.put("chiave", true).put("obbligatorio_put", true);
                }
            }
            return info;
        }
    }

    // ------------------------------------------------------------------------------------- clienti

    static final FieldSet CLIENTI = new FieldSet("/clienti", """
            codice cod_alternativo id_rubrica_uni:N tp_nazionalita cod_paese gest_per_fisica codice_fiscale
            partita_iva ext_piva_estera gest_no_piva denominazione ragione_sociale dt_valid_ragsoc ragsoc_prec
            cognome nome dt_nasc_cost loc_nasc_cost prv_nasc_cost indirizzo cap localita provincia telefono fax
            email url pec cod_pg_no_deper:N cod_pg_deper:N alq_comp:D nome_ricerca_cf tp_societa cod_lotteria
            gest_ente_pa gest_spl_pay_pa gest_fatt_el_pa gest_fatt_el dt_gest_fatt_el serie_fatt_el:N
            allega_fatt_el cod_modu_allega cod_modu_allega_pae rif_ammin_pa cod_ufficio_pa codice_sdi
            gest_spesometro trattam_esterom gest_agricolo gest_condominio gest_self_bill reg_fis_fatt_el
            gest_iva_differ id_banca:N cod_abi:N cod_cab:N conto_corren cin_bban pae_iban cin_iban:N iban_libero
            bic assog_iva valuta:N cod_cat_sta:N cod_zona:N gest_add_bollo cod_pagamento:N scadenza_fissa:N
            giorni_proroga:N mesi_esclusi:N[2] gg_anticipo:N[2] gest_rg_eff cod_banca gest_cig_cup banca_appoggio
            cod_rid_cliente tp_incasso dt_mandato_rid stato_sequenza intesta_iban banca_appo_agg[3] bic_agg[3]
            pae_iban_agg[3] cin_iban_agg:N[3] iban_agg[3] cin_bban_agg[3] abi_bban_agg:N[3] cab_bban_agg:N[3]
            conto_bban_agg[3] cod_rid_cli_agg[3] intesta_iban_agg[3] dt_mandato_cli[3] stato_sepa_cli[3]
            tp_incasso_sepa[3] responsabile anticipo_spese sigla_azienda gest_cont_parc cod_for_studio
            cod_costo_prest gest_registr_pg cod_conto_pg id_utente_parc:N cod_lingua:N cod_listino:N
            gest_extra_lis cod_cat_sconti:N sconto_icz cod_agente cod_cond_age:N cod_cat_pr:N gest_rg_doc
            gest_ordine_e cod_fatturare_a cod_ind_sped tp_trasporto cod_vettore tp_porto descr_porto
            gest_colli_auto gest_peso_auto tp_spese_sped spese_sped:D fino_spese_sped:D cod_asp_beni:N
            cod_incoterm gest_dst_lis_ve gest_dst_cat_sc gest_dst_sc_icz gest_dst_cat_pr gest_dst_part
            gest_dst_agente gest_dst_lingua gest_dst_vett gest_dst_porto gest_dst_spese gest_val_cauz
            qta_cauzioni:N[16] gest_rit_acc alq_rit_acc:D perc_impon_rit:N cod_pg_770S:N cognome_legale
            nome_legale cod_fis_legale dt_nasc_legale loc_nasc_legale prv_nasc_legale cod_pae_legale
            cod_analitico cod_crit_ripart:N gest_no_tx_ts gest_spl_pay logis_spl_pay dt_spl_pay[6] tp_recap
            nome_recap ind_recap cap_recap loc_recap prv_recap gest_recap_eff tp_rating nr_insoluti:N
            tot_insoluti:D fido:D gest_fuori_fido nr_gg_rit_pg:N[13] descr_nota[2] dst_nota[2] dt_sca_nota[2]
            anag_dt_crea anag_dt_mod anag_mod stato_anag_att[12] stato_anag_var[12] conto_precanc utente_ult_mod
            data_ult_mod
            """, Set.of("codice"));

    // ------------------------------------------------------------------------------------ articoli

    static final FieldSet ARTICOLI = new FieldSet("/articoli", """
            codice nr_record:N tipologia tp_merce_rsm_fe:N tp_merce_rsm_fr:N non_rimb_rsm cod_struttura:N
            descrizione descr_estesa[5] descrizione_agg descr_completa cod_alternativo alq_iva um_principale
            um_secondaria um_secondaria_A um_secondaria_B decimali_qta:N qta_collo:D coeff_conv:D
            coeff_conv_ext:D coeff_conv_A:D coeff_conv_B:D destin_um1 destin_um2 destin_um2_A destin_um2_B
            cos_ult:D cos_std_valuta:N cos_std:D qta_min_fatt:D imp_min_fatt:D imp_max_fatt:D ctrl_peso:D
            qta_prendi:N qta_paghi:N cod_imballo peso_medio_unit:D id_cat_sconto:N id_sconto_qta:N
            id_categoria_pr:N id_cat_prezzo:N sigla_cat_sta nr_cat_sta:N dt_creazione dt_mod dt_mod_sistema
            cod_ricavo cod_costo cod_ric_sospeso cod_sp_sanit tp_sp_sanit cod_analit_cos cod_analit_ric
            gest_precanc gest_annullato gest_preventivo cod_art_sost gest_dbp gest_dbv gest_dba gest_cart
            gest_tp_mdf valore_mdf:D gest_somma_mdf tp_arrot_mdf val_arrot_mdf:D rif_struttura:N tp_descrizione
            gest_tp_val_mdf valuta_cos_prec:N cos_prec:D valuta_cos_ult:N costo_ult:D dt_cos_ult_ues
            dt_cos_ult_pes cod_fornitore gg_riordino:N qta_riordino:D valuta_ri:N prz_riordino:D cod_riordino
            fino_qta_ri:D[3] sc_qta_ri[4] sc_qta_ri_ext[4] nota[2] gest_nota[2] dt_sca_nota[2] descr_lingua
            prz_listino:D[999] sconto_listino sconto_lis_ext tp_pr_listino pr_formula cod_agente
            id_cond_agente:N provvigione:D perc_prz_lis:D id_listino:N id_valuta_extra:N extra_fisso:D extra_a:D
            extra_b:D extra_c:D gest_cons_tg gest_forma gest_macchinario escl_rilevamento escl_planning
            gest_ricambio cod_grp_merc cod_natura gest_peso_wms dt_gest_lotto cod_tp_lotto gest_rich_lotto
            tp_sel_auto gest_enasarco nr_mesi_rateo:N gest_ratei tp_alimento cod_ubicazione cod_sotto_ubic
            dt_ult_carico dt_ult_scarico dt_ult_ordine dt_ult_mov scorta_minima:N scorta_massima:N
            id_ubicazione:N larghezza_ubic:D altezza_ubic:D profondita_ubic:D peso_ubicazione:D temp_min_ubic
            temp_max_ubic qta_inventario:D qta_inventa_tg:N valore_inventa:D tara_inventa:D colli_inventa:N
            qta_carico:D qta_tg_carico:N valore_carico:D tara_carico:D colli_carico:N qta_scarico:D
            qta_scarico_tg:N valore_scarico:D tara_scarico:D colli_scarico:N ord_fornitori:D ord_for_taglie:N
            ord_cli_e:D ord_cli_e_tg:N ord_cli_sps:D ord_cli_sps_tg:N ord_cli_auto:D ord_cli_auto_tg:N
            ord_produzione:D ord_prod_taglie:N cod_nomencla gest_massa_net coeff_massa_net:D gest_unita_sup
            descr_unita_sup coeff_unita_sup:D cod_prv_intra cod_pae_intra cod_pae_intra_c cod_srv_intra
            val_sta_unit:D gest_attiva[12] gest_variata[12] dt_variaz_img img_art_disp img_cat_disp
            img_icona_disp gest_period mese_period:N gest_ritenuta gest_cassa_pre gest_sep_inps gest_enpam
            gest_enpals cod_cat_web ora_mod_sistema data_obbl dati_tp_lotto_mod giorni_autocod:N
            giorni_manuale:N giorni_giacenza:N utente_ult_mod data_ult_mod
            """, Set.of("codice"));

    // ------------------------------------------------------------------------------ alias-articoli

    static final FieldSet ALIAS_ARTICOLI = new FieldSet("/alias-articoli", """
            id:N prog_alias:N cod_alias cod_articolo descrizione nota1 nota2 nr_colli:N quantita:D um data_crea
            data_ult_mod
            """, Set.of("prog_alias", "cod_alias", "cod_articolo"));

    // ------------------------------------------------------------------------ indirizzi-spedizione

    /** {@code id} is "Alfanumerico" in the self-description; the simulator assigns numbers (1, 2, …). */
    static final FieldSet INDIRIZZI_SPEDIZIONE = new FieldSet("/indirizzi-spedizione", """
            id:N cod_conto descrizione indirizzo cap localita provincia tp_nazionalita cod_paese telefono fax
            email url chiusura_sett riferimento cell_rif nota data_validita data_creazione data_modifica
            cod_conto_sost id_ind_sost annullato gest_raggruppa codice_cig codice_cup rif_esterno_tp
            rif_esterno_sgl rif_esterno_nr rif_esterno_cod rif_esterno_dt tp_indirizzo utente_ult_mod
            data_ult_mod
            """, Set.of("id"));

    // -------------------------------------------------------------------- documenti/ordini-clienti

    /** Header (testata) fields: scalars in a full document. */
    static final FieldSet ORDINI_TESTATA = new FieldSet("/documenti/ordini-clienti", """
            sigla serie:N numero:N cod_conto data_documento cod_modulo id_causale:N id_magazzino:N
            id_costo_ricavo:N codice_agente id_cond_agente:N nota stato_doc_att[12] stato_doc_var[12]
            id_sito_passweb:N id_valuta:N gest_picking cambio_vlt_euro:D tp_cambio_vlt cambio_euro_vlt:D
            tp_cambio_euro gest_mydb_testa data_creazione ora_creazione utente_crea menu_creazione dt_var_sistema
            ora_var_sistema utente_modifica menu_modifica gest_ord_el rif_sgl_attuale rif_nr_attuale
            rif_dt_attuale cod_rif_ammin tp_riferimento gest_inps gest_previdenza id_ind_sped cod_anag_sped
            tp_trasporto cod_vettore tp_porto descr_porto tp_spese_sped val_spese_sped:D nr_colli_sped:N
            peso_spedizione:D asp_est_beni:N dt_spedizione ora_spedizione codice_cig codice_cup id_pagamento:N
            nr_banca_appo:N cod_banca acconto_pagato:D abbuono:D spese_banca:D spese_bolli:D data_ult_mod
            utente_ult_mod bloccato_in_mag
            """, Set.of("sigla", "serie", "numero"));

    /**
     * Row (riga) fields: in a full document each is a list of {@code [rowIndex, value]} pairs
     * ({@code [rowIndex, arrayIndex, value]} for the few that are themselves arrays). These are the fields of
     * {@code documenti/ordini-clienti/righe} less the header ones that view repeats.
     */
    static final FieldSet ORDINI_RIGHE = new FieldSet("/documenti/ordini-clienti", """
            id_riga:N tp_riga codice_articolo tp_descrizione descr_riga cod_art_testo qta_cauzione:N[16]
            descr_articolo descr_art_ext[4] descr_art_ext_0 id_causale_riga:N id_ncau_riga:N id_ccr_riga:N
            id_mag_riga:N tp_um_articolo id_misuraltern:N nr_colli:N quantita:D coeff_conv:D tipo_imballo
            qta_taglia:N tipo_stato_riga cat_annul_riga:N prezzo:D sconto dt_inizio_rateo dt_fine_rateo
            dt_sca_riga perc_provv:D cod_iva id_ubicazione:N cod_taglia:N rif_sgl_prev rif_serie_prev:N
            rif_nr_prev:N rif_dt_prev id_riga_orig:N gest_mydb_riga id_lotto:N dec_qta_lotto:N qta_lotto:D
            nr_colli_lotto:N qta_tg_lotto:N[32] id_lista:N cod_rif_pf_bl:N dt_doc_bl nr_bl:N nr_sbl:N
            prog_fase_bl:N cod_art_anag sc_merce_doc
            """, Set.of());

    /** The transversal view {@code documenti/ordini-clienti/righe}: one record per row, every field a scalar. */
    static final FieldSet ORDINI_RIGHE_VISTA = new FieldSet("/documenti/ordini-clienti/righe", """
            sigla serie:N numero:N data_documento data_creazione ora_creazione dt_var_sistema ora_var_sistema
            """ + ORDINI_RIGHE.names().stream().map(name -> token(ORDINI_RIGHE.get(name)))
                    .reduce((a, b) -> a + " " + b).orElseThrow() + " data_ult_mod",
            Set.of("sigla", "serie", "numero"));

    /** The header fields the row view repeats on every row. */
    static final List<String> RIGHE_VISTA_TESTATA = List.of("sigla", "serie", "numero", "data_documento",
            "data_creazione", "ora_creazione", "dt_var_sistema", "ora_var_sistema");

    // -------------------------------------------------------------- documenti/movimenti-magazzino

    /**
     * Header (testata) of a warehouse movement (DDT {@code BC}, invoice {@code FT}, any 2-letter sigla). The
     * origin references ({@code sigla_ordine…data_ordine}, {@code sigla_doc_orig…data_doc_orig}) are header
     * fields in the self-description; in a full document the simulator keeps them per row (as the row view
     * shows them and as a transformation sends them), and lists and searches of headers show those of the first
     * row that has them.
     */
    static final FieldSet MOVIMENTI_TESTATA = new FieldSet("/documenti/movimenti-magazzino", """
            sigla serie:N numero:N cod_conto data_documento cod_modulo id_causale:N id_magazzino:N id_magazzino_a:N
            id_costo_ricavo:N id_catsta_conto:N id_zona_conto:N gest_bollo_virt codice_agente id_cond_agente:N nota
            stato_doc_att[12] stato_doc_var[12] id_sito_passweb:N id_valuta:N cambio_vlt_euro:D tp_cambio_vlt
            cambio_euro_vlt:D tp_cambio_euro gest_mydb_testa data_creazione ora_creazione utente_crea menu_creazione
            dt_var_sistema ora_var_sistema utente_modifica menu_modifica anno_int:N prog_int:N rif_nr_bl:N
            rif_nr_sbl:N rif_nr_fs_lav:N sigla_ordine serie_ordine:N numero_ordine:N data_ordine sigla_doc_orig
            serie_doc_orig:N numero_doc_orig:N data_doc_orig rif_sgl_attuale[3] rif_nr_attuale[3] rif_dt_attuale[3]
            rt_nr_chiusura:N rt_nr_doc_rif:N rt_data_doc_rif rt_matr_doc_rif id_ind_sped cod_anag_sped tp_trasporto
            cod_vettore tp_porto descr_porto nr_tracking tp_spese_sped val_spese_sped:D nr_colli_sped:N
            peso_spedizione:D asp_est_beni:N dt_spedizione ora_spedizione codice_cig codice_cup id_pagamento:N
            nr_banca_appo:N cod_banca acconto_pagato:D abbuono:D spese_banca:D spese_bolli:D data_ult_mod
            utente_ult_mod
            """, Set.of("sigla", "serie", "numero", "cod_conto"));

    /** The header fields the row view repeats on every row. */
    static final List<String> MOVIMENTI_VISTA_TESTATA = List.of("sigla", "serie", "numero", "cod_conto",
            "data_documento", "data_creazione", "ora_creazione", "dt_var_sistema", "ora_var_sistema");

    /** The origin references, per row in a full document (see {@link #MOVIMENTI_TESTATA}). */
    static final List<String> MOVIMENTI_ORIGINE = List.of("sigla_ordine", "serie_ordine", "numero_ordine",
            "data_ordine", "sigla_doc_orig", "serie_doc_orig", "numero_doc_orig", "data_doc_orig");

    /**
     * The transversal view {@code documenti/movimenti-magazzino/righe}: one record per row, every field a scalar,
     * {@code data_ult_mod} the row's own.
     */
    static final FieldSet MOVIMENTI_RIGHE_VISTA = new FieldSet("/documenti/movimenti-magazzino/righe", """
            sigla serie:N numero:N cod_conto data_documento data_creazione ora_creazione dt_var_sistema
            ora_var_sistema sigla_ordine serie_ordine:N numero_ordine:N data_ordine sigla_doc_orig serie_doc_orig:N
            numero_doc_orig:N data_doc_orig id_riga:N id_rif_testata:N codice_articolo tp_descrizione descr_riga
            descr_articolo descr_art_ext[7] descr_art_ext_0 id_causale_riga:N id_ncau_riga:N id_ccr_riga:N
            id_mag_da_riga:N id_mag_a_riga:N tp_um_articolo id_misuraltern:N nr_colli:N quantita:D coeff_conv:D
            tipo_imballo qta_taglia:N tipo_stato_riga prezzo:D sconto dt_inizio_rateo dt_fine_rateo perc_provv:D
            cod_iva id_ubicazione:N id_ubicazione_a:N cod_taglia:N sigla_cat_sta:N nr_cat_sta costo_ult:D
            costo_std:D costo_med_pond:D rif_sgl_ddep rif_serie_ddep:N rif_nr_ddep:N rif_dt_ddep id_riga_orig:N
            gest_mydb_riga id_lotto:N dec_qta_lotto:N qta_lotto:D nr_colli_lotto:N qta_tg_lotto:N[32]
            anno_int_riga:N prog_int_riga:N id_lista:N cod_rif_pf_bl:N dt_doc_bl nr_bl:N nr_sbl:N prog_fase_bl:N
            cod_art_anag data_ult_mod sc_merce_doc
            """, Set.of("sigla", "serie", "numero", "cod_conto"));

    /**
     * Row fields of a full movement: those of the row view less the header ones it repeats and less its
     * {@code data_ult_mod} (a scalar of the header in a full document), plus {@code tp_riga}, which the writing
     * rules of documents require (the row view does not list it).
     */
    static final FieldSet MOVIMENTI_RIGHE = new FieldSet("/documenti/movimenti-magazzino", "tp_riga "
            + MOVIMENTI_RIGHE_VISTA.names().stream()
                    .filter(name -> !MOVIMENTI_VISTA_TESTATA.contains(name) && !name.equals("data_ult_mod"))
                    .map(name -> token(MOVIMENTI_RIGHE_VISTA.get(name))).reduce((a, b) -> a + " " + b).orElseThrow(),
            Set.of());

    /**
     * Row fields only a transformation ({@code ?sigla_trasformazione=XX}) reads: the quantity to transfer
     * ({@code quantita_trs}, absent = the whole residual) and the origin's last change ({@code dt_ult_mod_orig},
     * optimistic locking; accepted, not enforced, as on an ERP where that option is off).
     */
    static final FieldSet TRASFORMAZIONE_RIGHE = new FieldSet("/documenti/movimenti-magazzino",
            "quantita_trs:D dt_ult_mod_orig", Set.of());

    // ----------------------------------------------------------------------- progressivi-articoli

    /**
     * {@code progressivi-articoli}: one record per article and warehouse. The self-description is a sample
     * ("origine": "campione") whose types were guessed from empty values; the quantities are typed Numerico con
     * virgola here, as those it did see. {@code dt_mod_ult_doc} is written "AAAAMMGG HHMMSS".
     */
    static final FieldSet PROGRESSIVI_ARTICOLI = new FieldSet("/progressivi-articoli", """
            cod_articolo descr_articolo id_magazzino:N id_ubicazione id_lotto um_principale um_secondaria
            qta_inventario:D qta_inventa_tg tara_inventa colli_inventa qta_carico:D qta_carico_tg tara_carico
            colli_carico qta_scarico:D qta_scarico_tg tara_scarico colli_scarico qta_ord_for:D qta_ord_for_tg
            qta_ord_imp:D qta_ord_imp_tg qta_ord_dimp:D qta_ord_dimp_tg qta_ord_auto:D qta_ord_auto_tg
            dt_mod_ult_doc num_prog_art:N
            """, Set.of("cod_articolo", "id_magazzino"));

    // ------------------------------------------------------------------------------- dati-generali

    static final FieldSet PAGAMENTI = new FieldSet("/dati-generali/pagamenti", """
            id:N descrizione tp_sconto sconto_perc:D gest_spese_inc gest_spese_bol gest_inizio_sca scadenza_fissa:N
            giorni_proroga:N gest_rate_perc descr_pnota paga_tot_doc cos_ric_pg_ab causale_pg causale_ab
            conto_ab_pas conto_ab_att conto_pagamento tp_pagamento[250] giorni_scadenza:N[250] tp_rata_iva[250]
            percentuale:D[250]
            """, Set.of("id"));

    static final FieldSet LISTINI = new FieldSet("/dati-generali/listini", """
            id:N cod_cat_art:N descr_corta descr_estesa descrizione nota valuta:N data_cambio giorno_cambio:N
            mese_cambio:N anno_cambio:N gest_con_iva tp_arrot imp_fino_a:D arrot_a:D arrot_oltre:D tp_calcolo
            perc_ricarico:D
            """, Set.of("id"));

    static final FieldSet VALUTE = new FieldSet("/dati-generali/valute", """
            id:N sigla descrizione nr_dec_importi:N cambio_euro:D sequenza_visual:N tipo simbolo nr_dec_prezzi:N
            """, Set.of("id"));

    static final FieldSet ESENZIONI_IVA = new FieldSet("/dati-generali/esenzioni-iva", """
            codice descrizione plafond descr_estesa tp_operazione id_descrizione:N id_classifica codice_natura
            """, Set.of("codice"));

    static final FieldSet MAGAZZINI = new FieldSet("/dati-generali/magazzini", """
            id:N descrizione gest_valorizza nota cap localita provincia indirizzo annullato
            """, Set.of("id"));

    static final FieldSet GRUPPI_MERCEOLOGICI = new FieldSet("/dati-generali/gruppi-merceologici", """
            codice stato descrizione data_creazione data_modifica cod_grp_merc um cod_ricavo cod_costo codice_web
            """, Set.of("codice"));

    private ErpFields() {
    }

    private static Map<String, Field> parse(String spec) {
        Map<String, Field> fields = new LinkedHashMap<>();
        for (String token : spec.trim().split("\\s+")) {
            int dimension = 0;
            int bracket = token.indexOf('[');
            if (bracket >= 0) {
                dimension = Integer.parseInt(token.substring(bracket + 1, token.length() - 1));
                token = token.substring(0, bracket);
            }
            Type type = Type.ALFANUMERICO;
            int colon = token.indexOf(':');
            if (colon >= 0) {
                type = switch (token.substring(colon + 1)) {
                    case "N" -> Type.NUMERICO;
                    case "D" -> Type.DECIMALE;
                    default -> throw new IllegalArgumentException(token);
                };
                token = token.substring(0, colon);
            }
            fields.putIfAbsent(token, new Field(token, type, dimension));
        }
        return fields;
    }

    private static String token(Field field) {
        String type = switch (field.type()) {
            case ALFANUMERICO -> "";
            case NUMERICO -> ":N";
            case DECIMALE -> ":D";
        };
        return field.name() + type + (field.isArray() ? "[" + field.dimension() + "]" : "");
    }
}
