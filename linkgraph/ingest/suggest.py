"""``linkgraph mapping suggest``: propose a mapping from a file's layout, headers and values.

The draft is meant to be accepted as it is for the common shapes of case exports (person
lists, hotline sheets with victims and suspects, call-detail records, transfers, bank
statements, company registries, nested API JSON, online ads, FollowTheMoney), and to be
readable enough to fix when it is not. Headers are read in several languages (they are
transliterated to Latin first: "Потерпіла" -> "poterpila").
"""

from __future__ import annotations

import contextlib
import copy
import functools
import json
import re
import textwrap
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import yaml

from linkgraph.errors import InputError
from linkgraph.ingest import normalize
from linkgraph.ingest._columns import infer_dayfirst
from linkgraph.ingest._date_order import header_dayfirst
from linkgraph.ingest._each_items import flattened_items, object_lists
from linkgraph.ingest._header_words import in_english_words
from linkgraph.ingest._json_text import loads as json_loads
from linkgraph.ingest._name_parts import name_part
from linkgraph.ingest._role_flags import flag_share
from linkgraph.ingest._suggest_events import names_event, place_unlinked
from linkgraph.ingest._suggest_nested import nested_columns, own_object, party_kind
from linkgraph.ingest._table_blocks import table_groups
from linkgraph.ingest.cell_sites import cell_site_columns
from linkgraph.ingest.readers import (
    Chunk,
    data_above_header_warning,
    guess_format,
    hidden_summary,
    read_chunks,
)
from linkgraph.ingest.suggest_parties import (
    Parties,
    find_parties,
    finish_parties,
    keep_attribute,
    unread_item_keys,
)
from linkgraph.ingest.suggest_regions import (
    party_country_columns,
    party_region_notes,
    region_by_calendar,
    region_by_nationality,
    rows_country,
    unpaired_phone_notes,
)
from linkgraph.ingest.suggest_statements import (
    currency_field,
    one_account_statement,
    own_account_column,
    pay_payer_otherwise,
    payer_and_payee,
)
from linkgraph.ingest.suggest_telecom import (
    CALLEE_WORDS,
    CALLER_WORDS,
    call_number_column,
    call_side_columns,
    international_shaped,
    place_attrs,
    record_types_with_directions,
)
from linkgraph.ingest.suggest_transfer import date_and_clock, transfer_attrs
from linkgraph.ingest.suggest_travel import (
    crossing_event_key,
    crossing_sides,
    flight_event_key,
    in_out_note,
)
from linkgraph.schema import ROLES, canonical_role, role_spellings, roles_not_understood
from linkgraph.text import fold

# -- header vocabulary (folded, transliterated words) -------------------------------------

# A header names its group's role by a word of the role vocabulary (``schema.ROLES``, whole
# words: "Vítima", "Mağdur", "ضحية", "受害人") or by one of these stems, which also catch the
# inflected forms the vocabulary does not list ("Name des Opfers", "ПІБ потерпілого",
# "Nom du suspect"). English first, then the other languages of the case exports seen
# (German, Ukrainian/Russian transliterated, Romanian, Polish, French, Spanish, Italian,
# Portuguese, Dutch, Turkish, Greek transliterated).
_ROLE_STEMS: list[tuple[str, str]] = [
    (
        "victim",
        r"victim|opfer|geschadigt|betroffen|poterpil|poterpev|postrada|postrazhd|zhertv"
        r"|survivor|ofiar|vittim|vitima|slachtoffer|magdur|thuma",
    ),
    (
        "suspect",
        r"suspect|tater|taeter|verdacht|beschuldig|offender|perpetrator|pidozr|podozr"
        r"|trafficker|accused|exploiter|banuit|vinovat|sospech|sospett|indagat|suspeit"
        r"|podejrzan|supheli|sanik|obviniaem|hypopt",
    ),
    (
        "witness",
        r"witness|zeuge|zeugin|svidet|svidok|martor|temoin|testig|testimon|getuige"
        r"|swiadek|tanik",
    ),
    ("reporter", r"caller|reporter|informant|melder|zaiavnik|signalant|denunciante"),
]


def _whole_words(role: str) -> str:
    """A pattern of the role's spellings in the vocabulary as whole words of a header key."""
    words = sorted(role_spellings(role), key=len, reverse=True)
    alternatives = "|".join(re.escape(w.replace(" ", "_")) for w in words)
    return rf"(?<![a-z0-9])(?:{alternatives})(?![a-z0-9])"


#: The roles of persons a sheet's or a file's name can give ("Victims", "opfer_2024.csv").
_PEOPLE_ROLES = ("victim", "suspect", "witness")
_ROLE_WORD_PATTERNS: dict[str, str] = {role: _whole_words(role) for role in ROLES}
_ROLE_WORDS: list[tuple[str, str]] = [
    *((role, f"{stems}|{_ROLE_WORD_PATTERNS[role]}") for role, stems in _ROLE_STEMS),
    ("director", r"director|geschaftsfuhr|administrator|ceo|gerant|amministrator|bestuurder"),
]
#: Headers of a person's standing in a case that name other things too ("Status" of a
#: payment, "Kategorie" of a product): a role column only when its values are role words.
_STANDING = (
    r"^status$|^statut$|^estado$|^condicion$|^calidad$|^calidad_de$|^qualite$|^qualita$"
    r"|^situacao$|^situacion$|^situation$|^kategorie$|^categoria$|^categorie$|^category$"
    r"|^type_de_personne$|^tipo_de_persona$|^tipo_persona$|^tipo_soggetto$|^personenart$"
    # Turkish "Sıfat", Greek "Ιδιότητα", Vietnamese "Tư cách (tham gia tố tụng)", Romanian
    # "Calitate (procesuală)", Indonesian "Kedudukan"
    r"|^sifati?$|^statu(su)?$|^idioteta$|^tu_cach|^calitate|^kedudukan$"
)
#: Headers of a statement's money-out column: English and Romanian "Debit", German
#: "Soll", Polish "Obciążenia", Ukrainian and Russian "Дебет", "Видаток", "Расход",
#: "Списание", Spanish "Cargo(s)", Italian "Dare", "Addebito", "Uscite", Turkish "Borç",
#: Greek "Χρέωση", Hungarian "Terhelés", Serbian and Croatian "Duguje", "Isplata", Czech
#: "Výdaj", Vietnamese "Ghi nợ", Dutch "Afschrijving"; folded as :func:`_words` writes them.
DEBIT_HEADER = (
    r"debit|(^|_)debet(as|s)?($|_)|^soll$|belastung|lastschrift|^obciazeni[ae]$"
    r"|^cargos?$|^addebit[oi]$|^withdrawn$|^withdrawals?$|^paid_out$|^money_out$"
    r"|^auszahlung(en)?$|^retiros?$|^plati$|^iesiri$|(^|_)borc($|_)|^dare$|^uscite$"
    r"|^khreos(e|eis)$|^terheles$|^duguje$|^isplat[ae]$|^wydatki$|^raskhod$|^vidatok$"
    r"|^spisani[ea]$|^vydaje?$|^ghi_no$|^afschrijving(en)?$|^egresos?$"
)
#: Headers of a statement's money-in column, in the same languages: "Credit", "Haben",
#: "Uznania", "Кредит", "Надходження", "Приход", "Зачисление", "Abono(s)", "Avere",
#: "Accredito", "Entrate", "Alacak", "Πίστωση", "Jóváírás", "Potražuje", "Uplata",
#: "Příjem", "Ghi có", "Bijschrijving", "Încasări".
CREDIT_HEADER = (
    r"credit|(^|_)kredit(as|s)?($|_)|^haben$|gutschrift|^uznani[ae]$|^abonos?$"
    r"|^accredit[oi]$|^paid_in$|^money_in$|^deposits?$|^einzahlung(en)?$|^depositos?$"
    r"|^incasari$|^intrari$|(^|_)alacak($|_)|^avere$|^entrate$|^pistos(e|eis)$|^jovairas$"
    r"|^potrazuje$|^uplat[ae]$|^wplywy$|^prikhod$|^nadkhodzhennia$|^zachislenie$"
    r"|^prijem$|^ghi_co$|^bijschrijving(en)?$|^ingresos?$"
)
_FIELD_WORDS: list[tuple[str, str]] = [
    # Both name parts in one column ("first_and_surname", "full_name"): a whole name.
    (
        "name",
        r"(first|given|fore)_?(and_)?(sur|last|family)_?name|full_?name|nom_complet"
        r"|nombre_completo|nome_completo|imie_i_nazwisko|ad_soyad|volledige_naam|^fio$|^pib$"
        # Chinese 姓名, 全名; Vietnamese "Họ và tên", "Họ tên"; Arabic "الاسم الكامل" (its
        # consonants, as the header is folded: "lsm_lkml")
        r"|^xing_ming$|^quan_ming$|^ho_(va_)?ten$|^(l)?sm_(l)?kml$"
        # Indonesian "Nama lengkap", Malay "Nama penuh", Tagalog "Buong pangalan", Turkish
        # "Adı soyadı", Greek "Ονοματεπώνυμο"
        r"|^nama_(lengkap|penuh)$|^buong_pangalan$|^adi_soyadi$|onomateponum"
        # given name first: "Nombre y apellidos", "Nome e cognome", "Prénom et nom"
        r"|^(nombres?|nome|prenom|vorname|voornaam|imie)_((y|e|et|und|en|i)_)?(apellidos?"
        r"|cognome|nom|nachname|achternaam|nazwisko)$"
        # family name first: "Nazwisko i imię", "Nachname, Vorname", "Прізвище, ім'я"
        r"|^(surname|last_name|family_name|nazwisko|nachname|familienname|nom|apellidos?"
        r"|cognome|nume|pr[iy]zv[iy]sh?che|famil(ii|iy|ij)a|achternaam|soyadi?|prezime)"
        r"_((and|i|et|y|e|si|ta)_)?(name|first_name|given_name|imie|vorname|prenom|nombre|nome"
        r"|prenume|im_?[iyj]a|voornaam|adi?|ime)$",
    ),
    # A place of birth is the person's place, not a date.
    (
        "city",
        r"birth_?place|place_of_birth|^pob$|geburtsort|misce_narodzh|locul_nasterii"
        r"|lieu_de_naissance|lugar_de_nacimiento|luogo_di_nascita|local_de_nascimento"
        r"|geboorteplaats|miejsce_urodzenia|dogum_yeri|mesto_rozhd|tempat_lahir"
        r"|lugar_ng_kapanganakan|noi_sinh|topos_genneses",
    ),
    (
        "dob",
        r"dob|birth|geburt|rozhd|narodzh|nastere|born|naissance|^nee?_le$|nacimiento|^d_o_b$|^bdate$"
        r"|nascita|nascimento|geboorte|urodzen|dogum|rodjen|razhdane|genneses"
        # Romanian "data nașterii", Serbo-Croatian "datum rođenja", Czech/Slovak "datum
        # narození/narodenia", Hungarian, Nordic, Finnish, Slovenian, Albanian
        r"|naster|roden(ja|ia)|narozen|narodeni|szuletes|fodelse|fodsel|syntyma|rojstn|rojstv"
        r"|(^|_)lindjes?($|_)|datelindj"
        # abbreviations: "Geb.-Datum", "дата нар.", "fecha nac.", "data nasc.", "date naiss."
        r"|^geb(_?dat(um)?)?$|^(data|dt|date|fecha|fec|f)_(nar|nasc|nac|naiss|ur)$|^ddn$|^d_r$"
        # Chinese 出生日期, 生日; Vietnamese "Ngày sinh", "Năm sinh"; Arabic "تاريخ الميلاد"
        r"|chu_sheng|^sheng_ri$|ngay_sinh|nam_sinh|trykh_(l)?myld|trykh_(l)?wld"
        # Indonesian "Tanggal lahir", Malay "Tarikh lahir", Tagalog "Petsa ng kapanganakan"
        r"|(tanggal|tgl|tarikh)_lahir|kapanganakan|^kaarawan$",
    ),
    (
        "given_name",
        r"first_?name|given|vorname|forename|prenume|^im_?[iyj]a$|prenom|^nombres?$|^nome$"
        r"|^fname(_?c1)?$"
        r"|voornaam|^imie$|imiona|^ime$|^adi$|^isim$|onoma"
        # Chinese 名; Vietnamese "Tên"; Arabic "الاسم الأول"
        r"|^ming$|^ten$|^(l)?sm_(l)?wl$"
        # Indonesian "Nama depan", Tagalog "(Unang) pangalan" (alone, read whole)
        r"|^nama_depan$|^(unang_)?pangalan$",
    ),
    (
        "family_name",
        r"last_?name|surname|family_?name|nachname|famil(ii|iy|ij)a|pr[iy]zv[iy]sh?ch"
        r"|^nom$|nom_de_famille"
        r"|^lname(_?c[12])?$|^surn$"
        r"|apellido|cognome|sobrenome|apelido|achternaam|familienaam|nazwisk|^nume$"
        r"|nume_de_familie|soyad|prezime|eponumo"
        # Chinese 姓; Vietnamese "Họ"; Arabic "اسم العائلة", "اللقب"
        r"|^xing$|^ho$|^(l)?sm_(l)?yl$|^llqb$"
        # Indonesian "Nama belakang", Tagalog "Apelyido"
        r"|^nama_belakang$|apelyido",
    ),
    (
        "email",
        r"e_?mail|pochta|courriel|correo|posta_elettronica|e_?posta|you_xiang|dian_zi_you_jian"
        r"|thu_dien_tu|(l)?bryd_(l)?lktrwny",
    ),
    # An account's holder ("Account holder", "Kontoinhaber", "Titular cuenta"): a name
    ("name", r"^(account|konto|compte|cuenta|conto)_?(holder|owner|inhaber)$|^kontoinhaber$"),
    (
        "account",
        r"iban|account|konto|rakhun|schet|^cont$|compte|cuenta|^conto|rekening|rachun|hesap",
    ),
    # A call's length in Russian: its "tel" is no telephone.
    ("duration", r"dlitelnost"),
    # A document's type and its dates are attributes of the document, never a document
    # ("Tipo documento", "Receiver ID Type", "Passport expiry").
    (
        "doc_type",
        r"(^|_)(id|doc|document|dokument|documento|passport)_?(type|typ|tip|tipo|kind|art)($|_)"
        r"|(^|_)(type|tipo|tip|typ|rodzaj|vid)_(of_)?(di_|del_|de_)?(id|doc|documento?|dokumentu?)"
        r"($|_)",
    ),
    (
        "doc_date",
        r"expir|valid_(until|to|thru)|gultig_bis|scadenz|caducid|vencim|valabil|issued|issue_date"
        r"|date_of_issue|rilasci|ausgestellt|data_emiterii",
    ),
    # "Receiver ID No", "Sender ID number": the party's identity document (not a phone).
    ("document", r"(^|_)id_(no|nr|num|number)$|id_card|passport_(no|nr|num|number)$"),
    # National identity numbers (a social security, national insurance, tax or personal
    # number: FEBRL's "soc_sec_id", "SSN", "NINO", PESEL, CNP): a document, evidence that two
    # rows are one person, not a phone ("number") or the row's record id ("_id").
    (
        "document",
        r"soc(ial)?_?sec|social_security|(^|_)ssn($|_)|national_insurance|(^|_)nino($|_)"
        r"|(^|_)nin($|_)|national_id|(^|_)tax_(id|no|nr|number|code)($|_)|(^|_)tin($|_)"
        r"|personal_(id|no|nr|number|code)($|_)|personal_identi|identity_(no|nr|number)"
        r"|personnummer|henkilotunnus|(^|_)pesel($|_)|(^|_)cnp($|_)|(^|_)egn($|_)|(^|_)oib($|_)"
        r"|(^|_)jmbg($|_)|(^|_)snils($|_)|(^|_)rnokpp($|_)|steuer_?id"
        # Spain DNI/NIE/NIF, Mexico CURP/RFC, Brazil CPF/RG, Turkey TCKN, Indonesia NIK/KTP,
        # Malaysia MyKad/IC, Singapore NRIC, Vietnam CCCD, Pakistan CNIC, Chile RUT,
        # Argentina CUIT/CUIL, El Salvador DUI, India Aadhaar, Ukraine ІПН, and the identity
        # cards of Latin America (cédula), Poland (dowód), Czechia/Slovakia (rodné číslo),
        # Italy, France (CNI), Romania (CI), Greece (ΑΔΤ, αριθμός ταυτότητας)
        r"|(^|_)(dni|nie|nif|curp|rfc|cpf|tckn|nik|ktp|nric|mykad|cnic|cuit|cuil|aadhaar)($|_)"
        r"|^(rg|rut|dui|ipn|nid|cni)$|(^|_)(no|nr|nombor)_ic($|_)|^ic_(no|nr|number)$"
        r"|kad_pengenalan|cedula|dowod|rodne_cislo|carta_d_?identita|(^|_)cccd($|_)|(^|_)paspor($|_)"
        r"|^(serie|seria|nr|numar)"
        r"(_si_nr)?_ci$|^ci$|tautotet|^adt$",
    ),
    # A house number is part of its street's address, never a phone ("number") or an id.
    (
        "house_number",
        r"(^|_)(street|house|building|civic)_?(number|no|nr|num)($|_)|hausnummer|huisnummer"
        r"|numer_domu|numero_civico|^house_?nr$|^hnr$|^nr_domu$|^numar_casa$|^numero_casa$",
    ),
    # Payer and payee in Russian and Ukrainian: their "tel" ending is no telephone.
    ("name", r"poluchatel|otpravitel|platelshchik|otrimuvach|vidpravnik|platnik"),
    # A document's number is no phone, whatever its values look like ("Doc Number",
    # "Numar pasaport", "Номер паспорта", "Ausweisnummer", "Pass-Nr."): read before
    # the phone words ("number", "nomer", "nummer").
    (
        "document",
        r"passport|pasport|pasaport|passeport|passaport|paszport|document|dokument|id_number|ausweis"
        r"|reisepass|(^|_)doc_?(no|nr|num|number|nummer|id)($|_)"
        r"|(^|_)pass_?(no|nr|num|number|nummer)($|_)|^dni$|(^|_)passp($|_)"
        r"|^nie$|^nif$|carte_d_identite|codice_fiscale|^cpf$|^bsn$|pesel|^cnp$|kimlik"
        # Chinese 护照, 身份证; Vietnamese "Hộ chiếu", CMND/CCCD; Arabic "جواز السفر", "الهوية"
        r"|hu_zhao|shen_fen_zheng|ho_chieu|^cmnd|^cccd|jwz_(l)?sfr|(^|_)(l)?hwy($|_)"
        # Greek διαβατήριο (passport), ταυτότητα (identity card), folded
        r"|diabater|(^|_)tautotet",
    ),
    # A booking's reference (an airline's PNR locator, a hotel or bus reservation): the
    # booking its travellers share (an event), not a phone or an id of each of them.
    (
        "booking",
        r"^(booking|pnr|reservation|reservierung|buchungs|prenotazione|reserva|reservacion"
        r"|rezervare|rezerwacja|reservering|bron|bronirovanie)_?(ref|reference|no|nr|num"
        r"|number|nummer|numero|code|codice|codigo|cod|kod|id|locator)?$"
        r"|^pnr_|record_?locator|^locator$|booking_ref",
    ),
    # A case's, file's or report's number ("Case number", "caseNumber", "Numer sprawy",
    # "Nr. dosar", "Aktenzeichen"): the record's id, never a phone ("number").
    (
        "id",
        r"(^|_)(case|file|report|incident|ticket|docket|dossier|complaint|crime|akten|caso"
        r"|expediente|fall|vorgang|sprawy|dosar|dosarului)_?(number|no|nr|num|nummer|numero"
        r"|numar|ref|reference|id)($|_)|^(number|no|nr|numer|numero|numar|nomer)_(of_)?(de_)?(del_)?"
        r"(case|file|report|sprawy|dosar|dosarului|caso|expediente|akt|dela|spravy)($|_)"
        r"|aktenzeichen|dossiernummer|^sygnatura",
    ),
    (
        "phone",
        r"phone|tel|mobile|handy|msisdn|nummer|numar|nomer|number|portable|(^|_)movil|celular"
        r"|cellulare|^gsm$|komork|^phn$|^mob$"
        # Chinese 电话, 手机; Vietnamese "Số điện thoại"; Arabic "الهاتف", "الجوال"
        r"|dian_hua|shou_ji|dien_thoai|^sdt$|(^|_)(l)?htf($|_)|(^|_)(l)?jwl($|_)"
        # Indonesian "No. HP", "Ponsel"; Greek "Κινητό"
        r"|^(no_|nomor_)?hp($|_)|^ponsel$|^kineto$",
    ),
    (
        "plate",
        # ("Призначення платежу", a payment's purpose, folds to "platezhu": no plate)
        r"plate(?!zh)|kennzeichen|vehicle|immatriculation|matricula|targa|kenteken|inmatriculare"
        # a car's number: "Nr. auto" (Romanian), "Auto-Nr.", "Nomer avto", "Car reg"
        r"|^(nr|no|numar|numarul)_(auto|masina|avto|mashiny)$|^auto_?(nr|no)$"
        r"|^(nomer|gos_nomer)_(avto|mashiny|ts)$|rejestracyjn|^car_?(reg|registration)$",
    ),
    (
        "nationality",
        r"nationalit|citizenship|staatsang|gromadian|grazhdan|(^|_)naciona|nazionalit|obywatel"
        r"|cetatenie|uyruk|cittadinanza|^natl?$|^nation$|^citiz$"
        # Chinese 国籍; Vietnamese "Quốc tịch"; Arabic "الجنسية"
        r"|^guo_ji$|quoc_tich|^(l)?jnsy$"
        # Indonesian/Malay, Tagalog, Turkish "Uyruğu", Greek "Υπηκοότητα", "Ιθαγένεια"
        r"|warganegara|nasyonalidad|pagkamamamayan|uyrug|upekoot|ithagene",
    ),
    (
        "country",
        r"country|(^|_)land$|^staat$|krain|stran|^tara$|^pays$|^pais$|paese|^kraj$|ulke|^c(ou)?ntry$|^ctry$"
        r"|^guo_jia$|^quoc_gia$|^(l)?bld$|^(l)?dwl$",
    ),
    ("postcode", r"postcode|postal|zip|^plz$|postleitzahl|^cap$|pocztow|posta_kodu"),
    (
        "address",
        r"address|street|adresse|strasse|adres|vulits|direccion|domicilio|indirizzo|morada"
        r"|endereco|^rue$|(^|_)calle($|_)|ulica|straat|anschrift|^addr(_?\d|_|$)"
        r"|^di_zhi$|^zhu_zhi$|dia_chi|^(l)?nwn$"
        # Indonesian/Malay, Tagalog, Turkish "İkamet", Greek "Διεύθυνση"
        r"|^alamat|^tirahan$|ikamet|dieuthuns",
    ),
    (
        "city",
        r"^city$|(^|_)city_(desc|name)$|^(res|residence|home)_city$|^town$|^suburb$|^ort$|tatort|misto|gorod|^oras$|location|place|ville|commune|localit"
        r"|ciudad|municipio|citta|comune|cidade|woonplaats|plaats|^stad$|stadt|wohnort|miasto"
        r"|miejscowosc|sehir",
    ),
    (
        "sex",
        r"^sex$|gender|geschlecht|stat$|^pol$|^sexe$|^sexo$|^sesso$|geslacht|^plec$|cinsiyet|^gndr$"
        r"|^xing_bie$|gioi_tinh|^(l)?jns$|jenis_kelamin|^jantina$|^kasarian$|^phulo$",
    ),
    (
        "role",
        r"^role$|^rolle$|^status$|^statut$|^rol$|^rola$|^rolul$|^ruolo$|^papel$|^role_in_case$"
        r"|^case_role$|procedural_status|verfahrensrolle|protses+ual|^rol_u_spravi$|^rol_v_dele$"
        # Chinese 角色, Vietnamese "Vai trò", Arabic "الدور"; and the words of a person's
        # standing in a case ("Condición", "Qualité", "Situação", "Kategorie"), which are a
        # role only when their values are role words (_checked_by_values)
        r"|^jiao_se$|^vai_tro$|^(l)?dwr$"
        # Indonesian "Peran", Malay "Peranan", Tagalog "Tungkulin", Turkish "Rolü", Greek
        # "Ρόλος"
        r"|^peran(an)?$|^tungkulin$|^rolu$|^rolos$|" + _STANDING,
    ),
    (
        "organisation",
        r"company|firma|organi[sz]ation|employer|unternehmen|kompani|societe|entreprise"
        r"|empresa|societa|azienda|bedrijf|spolka|sirket",
    ),
    (
        "amount",
        r"amount|betrag|summ|suma|^value$|^sum$|montant|importe|monto|importo|bedrag"
        r"|kwota|tutar|^principal$|^principal_amount$|^gross$|^net$|^brutto$|^netto$"
        # Portuguese/Spanish "Valor", Swedish "Belopp", Danish/Norwegian "Beløb"/"Beløp",
        # Czech "Částka", Croatian/Serbian "Iznos", Hungarian "Összeg", Romanian "Sumă"
        r"|^valor$|^valor_eur$|^valor_r\$|^belopp$|^belob$|^belop$|^castka$|^iznos$|^osszeg$",
    ),
    # Money out and money in of a statement, also by the words of a mobile-money or
    # savings statement ("Withdrawn", "Paid In", "Money out", "Einzahlung"), in the
    # languages of the statements agencies send (DEBIT_HEADER, CREDIT_HEADER); a column
    # under such a header is one only when its values are amounts (_checked_by_values).
    ("debit", DEBIT_HEADER),
    ("credit", CREDIT_HEADER),
    (
        "currency",
        r"currency|wahrung|^ccy$|^cur$|valiut|waluta|devise|moneda|divisa|^coin$|^asset$|^token$"
        # Turkish "Para Birimi", "Döviz", Greek "Νόμισμα", Hungarian "Pénznem", Czech "Měna"
        r"|para_birimi|^doviz|^nomisma$|^penznem$|^mena$",
    ),
    (
        "reference",
        r"reference|purpose|verwendungszweck|description|memo|narrative|libelle|concepto"
        r"|causale|omschrijving|tytul|^opis$|aciklama|^details?$|^detalii$|^detalles$"
        r"|^dettagli$|^particulars$|descricao|descripcion|beschreibung|^historico$"
        r"|^motivo$|^popis$|^opis_operacji$|^beskrivning$|^tekst$|^kuvaus$|^leiras$"
        # Romanian "Descriere", "Explicații"; Greek "Περιγραφή"; Ukrainian and Russian
        # "Призначення платежу", "Назначение платежа", "Описание"
        r"|^descriere|^explicati|^perigraph|^priznachennia|^naznachenie|^opisanie$",
    ),
    (
        "duration",
        r"durat|dauer|^sec|seconds|trivalist|tryvalist|duree|duracion|durata"
        r"|czas_trwania",
    ),
    ("cell", r"cell|zelle|tower|^site_?id$|^bts|^bs$|^bs_|bazov|^cgi$|^lac_?ci$|celula"),
    (
        "time",
        r"date|datum|^data|time|zeit|beginn|start|received|created|posted|buchungstag"
        r"|^ora$|valuta|fecha|^heure$|^hora$|tarih|^chas$|^vremia$|^godzina$|^saat$|^tijd$"
        # when a record says it happened, as APIs name it ("openedAt", "reported_on")
        r"|(opened|closed|reported|occurred|happened|updated|modified|submitted|recorded)"
        r"(_?at|_?on)$",
    ),
    (
        "name",
        r"name|^fio$|^pib$|imia|^nume$|^nom$|nombre|subscriber|abonat|holder|inhaber"
        r"|counterparty|empfanger|auftraggeber|beneficiary|payee|payer|sender|remitter"
        r"|receiver|recipient|originator|orderer|debtor|creditor|absender|zahler|begunstigter"
        r"|kontrahent|odbiorc|nadawc|zleceniodawc|platnik|beneficiair|beneficiar|destinatar"
        r"|ordonnateur|donneur|emetteur|ordenante|ordinante|remitente|remetente|favorecido"
        r"|opdrachtgever|begunstigde|titulaire|wlasciciel|^naam$|platitor|^nama$|^isim$",
    ),
    ("id", r"^id$|^no$|^nr$|case|^fall|report|^ref$|_id$|nummer$|^n$|dossier|expediente"),
]
_FIELD_WORDS_OF = dict(reversed(_FIELD_WORDS))  # the first pattern of each field
#: A header that says "date of birth" in one of its languages ("data_nasterii", "DOB")
_BIRTH_HEADER = re.compile(_FIELD_WORDS_OF["dob"])
#: A header of a call's caller or callee: its word in a language (CALLER_WORDS,
#: CALLEE_WORDS: "Apelant", "Llamado", "Aranan"), an A or B number, from or to.
_CALLER = (
    rf"(^|_)a($|_)|msisdn_a|a_number|(^|_)({CALLER_WORDS})($|_)|calling|caller|apelant|anrufende"
    r"|^from|_from$|orig|^source"
)
_CALLEE = (
    rf"(^|_)b($|_)|msisdn_b|b_number|(^|_)({CALLEE_WORDS})($|_)|called|callee|apelat($|_)"
    r"|angerufene|^to($|_)|_to$|dest"
)
_CALL_ENDS = f"{_CALLER}|{_CALLEE}"
_SENDER = (
    r"sender|from|payer|remitter|debtor|auftraggeber|ordering|orderer|originator|nadawc"
    r"|zleceniodawc|platnik|ordonnateur|donneur|ordenante|emetteur|remetente|remitente"
    r"|ordinante|absender|zahler|opdrachtgever|otpravitel|platelshchik|vidpravnik|platitor"
    # where the money left, as a word beside "account": German "Von/Vom Konto", Spanish
    # "Cuenta origen", Portuguese "Conta (de) origem", Italian "Da conto", Polish "Z
    # rachunku", Russian "Со счета", Ukrainian "З рахунку", Romanian "Cont sursă", Dutch
    # "Van rekening"; Portuguese and Spanish "De" over "Para" (not "source": a
    # transaction's "Source type" is no side)
    r"|(^|_)(von|vom|origen|origem|sursa|van)($|_)|^(da|z|so|iz)_|^de$"
)
_RECEIVER = (
    r"beneficiary|receiver|recipient|payee|creditor|^to$|^to_|_to$|empfanger|begunstigter|odbiorc"
    r"|beneficiair|beneficiar|destinat|favorecido|begunstigde|poluchatel|otrimuvach"
    # German "An/Auf/Nach Konto", Spanish/Portuguese "Cuenta destino", Italian "A conto",
    # Polish "Na rachunek", Russian "На счет", Dutch "Naar rekening", "Para"
    r"|(^|_)(an|auf|nach|destino|naar)($|_)|^(a|na|al)_|^para$"
)
#: The receiving side of a money transfer also by where it is paid out ("Payout Agent").
_PAYEE_SIDE = rf"{_RECEIVER}|payout|pay_out|paid_out"
#: A transfer's own number: a money-transfer control number (MTCN), a transaction id or
#: hash.
_TRANSFER_ID = (
    r"mtcn|(^|_)(transfer|transaction|trans|tx|order|control|reference)_?(id|no|nr|num|number"
    r"|hash|code)($|_)|^txid$|^tx_?hash$|^hash$"
)
_FEE = r"(^|_)(fee|fees|commission|charges?|provision|komisi|comision|commissione)($|_)"
_AD = r"(^|_)ad(_?id)?(_|$)|listing|post_?id|advert"
#: The group of an ad's record that posted it ("seller.name", "poster_name"): the other
#: persons named in an ad are those it advertises.
_AD_POSTER = re.compile(r"seller|poster|author|user|owner|advertiser|vendor|publisher|posted")
_LINK_OF = {
    "phone": "uses_phone",
    "email": "uses_email",
    "address": "lives_at",
    "account": "holds_account",
    "vehicle": "owns_vehicle",
    "document": "holds_document",
}
_ID_TYPES = {
    "phone": "phone",
    "email": "email",
    "account": "account",
    "document": "document",
    "plate": "vehicle",
}
_PERSON_ATTRS = ("dob", "sex", "nationality", "country", "city", "role")
# Regions tried first, in this order, when local phone numbers fit several countries.
_REGION_PREFERENCE = (
    "UA",
    "MD",
    "RO",
    "PL",
    "DE",
    "GB",
    "RU",
    "BY",
    "BG",
    "HU",
    "IT",
    "ES",
    "FR",
    "NL",
    "LT",
    "LV",
    "CZ",
    "SK",
    "AT",
    "BE",
    "GR",
    "TR",
    "NG",
    "VN",
)


def _words(header: str) -> str:
    # Thai and Lao header words are found as written: their transliteration runs together
    return re.sub(r"[^a-z0-9]+", "_", fold(in_english_words(str(header))).lower()).strip("_")


def _role_of(text: str) -> str | None:
    for role, pattern in _ROLE_WORDS:
        if re.search(pattern, text):
            return role
    return None


def _role_header(key: str, role: str) -> bool:
    """Whether a header key is a role word with at most one other word ("Потерпіла",
    "Director", "poterpila_osoba"; a spelling of several words counts as one: "受害人" is
    "shou_hai_ren", "Partie civile")."""
    if key.count("_") <= 1:
        return True
    pattern = _ROLE_WORD_PATTERNS.get(role)
    rest = re.sub(pattern, "_", key) if pattern else key
    return rest != key and len([w for w in rest.split("_") if w]) <= 1


def _file_name_role(stem: str) -> str | None:
    """The role of persons a file's name gives ("victims", "opfer_2024", "Потерпілі"): a role
    word standing whole in it, and no other role named (not "opfer_taeter")."""
    from linkgraph._terminal import name_text

    key = _words(name_text(stem))
    named = {r for r, pattern in _ROLE_WORDS if r in _PEOPLE_ROLES and re.search(pattern, key)}
    whole = {r for r in _PEOPLE_ROLES if re.search(_ROLE_WORD_PATTERNS[r], key)}
    return whole.pop() if len(named) == 1 and whole == named else None


#: Headers that hold a word of a field but are none: a middle name or patronymic (not the
#: whole name), an age (not a date of birth), a state or country of birth (not the
#: person's city), the code of a county or district (a place the rows share, not an id of
#: a case that would link everyone in it). Their columns are kept as attributes.
_NOT_A_FIELD = re.compile(
    r"middle_?names?|(^|_)middle($|_)|^mname$|middle_initial|second_?name|patronymic|^fname_?c2$"
    r"|otch?estvo|po_bat_?kov[iy]|vatername|tevavardis|(^|_)age($|_)|^alter$|^edad$|^eta$|^idade$|^vozrast$|^wiek$"
    r"|^yas$|^varsta$|^leeftijd$|birth_?(state|country|province|region|county)"
    r"|(state|country|province)_of_birth|(^|_)(name_)?su?ff?i?x(_lbl|_label)?$|^sfx$"
    r"|(^|_)(county|state|district|region|province|precinct|ward|municipality|zone|branch)"
    r"_?(id|code|cd|no|nr|num|number)$"
)


#: Headers of a patronymic ("Отчество", "По батькові", "Patronymic", "Vatername"): part of
#: the person's given name, read after it ("Сергей Петрович"), where resolution compares it.
_PATRONYMIC = re.compile(r"otch?estvo|po_bat_?kov[iy]|patronym|vatername|tevavardis")


def _field_of(key: str) -> str | None:
    """The field a header names (its words as :func:`_words` gives them), or None."""
    if _NOT_A_FIELD.search(key):
        return None
    for name, pattern in _FIELD_WORDS:
        if re.search(pattern, key):
            return name
    return None


# -- value kinds ----------------------------------------------------------------------------


#: Longest cell the values' parsers look at: a longer one (truncated on ingest as
#: ``cell_too_long``, IngestConfig.max_cell_chars's default) tells nothing of its column.
SNIFF_MAX_CHARS = 10_000
#: Most cells looked at over all columns (a 5,000-column file: 5 a column, not 200).
SNIFF_MAX_CELLS = 20_000


def _sample(values: pd.Series, n: int = 200) -> list[str]:
    """The first ``n`` filled cells of a column as stripped text, leaving out cells
    longer than :data:`SNIFF_MAX_CHARS`; in blocks, so a long column is not all
    converted for the first few."""
    out: list[str] = []
    for start in range(0, len(values), 4 * n):
        for v in values.iloc[start : start + 4 * n].tolist():
            if v is None or v is pd.NA or (isinstance(v, float) and v != v):
                continue
            text = str(v)
            if len(text) > SNIFF_MAX_CHARS:
                continue
            text = text.strip()
            if text:
                out.append(text)
                if len(out) == n:
                    return out
    return out


def sample_rows(columns: int) -> int:
    """How many cells of each of ``columns`` columns are looked at (at most 200, and
    :data:`SNIFF_MAX_CELLS` over all, at least 5 a column).

    Examples:
        >>> sample_rows(12), sample_rows(400), sample_rows(5000)
        (200, 50, 5)
    """
    return max(5, min(200, SNIFF_MAX_CELLS // max(columns, 1)))


def _mostly(values: list[str], func: Any, share: float = 0.8) -> bool:
    """Whether ``func`` reads at least ``share`` of ``values`` (``_share(...) >= share``),
    stopping at the first value that makes it impossible; each distinct value is read
    once.

    Examples:
        >>> _mostly(["1", "2", "x", "4", "5"], lambda v: int(v)), _mostly(["x", "y"], int)
        (True, False)
    """
    if not values:
        return False
    allowed = len(values) - share * len(values)  # the values that may fail
    failed = 0
    for v, count in Counter(values).items():
        ok = False
        with contextlib.suppress(ValueError, TypeError):
            ok = func(v) is not None
        if not ok:
            failed += count
            if failed > allowed + 1e-9:
                return False
    return True


def _share(values: list[str], func: Any) -> float:
    """The share of ``values`` that ``func`` reads (returns other than None); each
    distinct value is read once."""
    if not values:
        return 0.0
    ok = 0
    for v, count in Counter(values).items():
        with contextlib.suppress(ValueError, TypeError):
            ok += count * (func(v) is not None)
    return ok / len(values)


def _is_list_cell(v: str) -> bool:
    return v.startswith("[") and v.endswith("]")


def _nested_phones(cell: str) -> list[str]:
    """The phone numbers inside a cell of nested JSON (a report's ``victims``: a list of
    objects with a ``phone`` or ``phones``), read by their keys; [] for any other cell."""
    if not (cell.startswith(("[", "{")) and cell.endswith(("]", "}"))):
        return []
    try:
        data = json.loads(cell)
    except ValueError:
        return []
    out: list[str] = []

    def walk(x: Any, phone_key: bool) -> None:
        if isinstance(x, dict):
            for k, v in x.items():
                walk(v, _field_of(_words(str(k))) == "phone")
        elif isinstance(x, list):
            for v in x:
                walk(v, phone_key)
        elif phone_key and isinstance(x, str | int) and not isinstance(x, bool):
            out.append(str(x))

    walk(data, False)
    return out


#: A number a spreadsheet wrote in scientific notation ("4.47712E+11"): a phone number it
#: rounded, still a phone column (ingest rejects the values and says why).
_SCIENTIFIC = re.compile(r"\s*\d(?:[.,]\d+)?[eE]\+?\d{1,2}\s*")


def _phone_any(v: str, region: str | None) -> str | None:
    if _SCIENTIFIC.fullmatch(v) and float(v.replace(",", ".")) >= 1e6:
        return "rounded"
    if _is_list_cell(v):
        items = json.loads(v)
        return "ok" if items and all(_phone_any(str(i), region) for i in items) else None
    try:
        return normalize.phone(v, region)
    except ValueError:
        if (lead := _LEADING_NUMBER.match(v)) and "@" not in v:
            return _phone_any(lead.group().strip(), region)  # "+40721234567 (Owner)"
        digits = re.sub(r"\D", "", v)
        if 10 <= len(digits) <= 15 and not v.strip().startswith(("0", "+")):
            return normalize.phone("+" + digits)
        raise


#: A number at the start of a cell, before a label: "+40721234567 (Owner)", "+380671234567
#: Olena Kov", "380671234567@s.whatsapp.net Olena Kov" (a phone report's parties).
_LEADING_NUMBER = re.compile(r"\s*\+?\d[\d\s().\-/]*?(?=\s+\S|@|\s*\()")


def _several_values(cell: str) -> list[str]:
    """The values of a cell that may hold several ("0751 234 567 / +40 722 000 111", "a,
    b", one per line), split as ``split: auto`` splits them (``build.AUTO_SPLIT``)."""
    from linkgraph.ingest.build import AUTO_SPLIT

    return [part for part in AUTO_SPLIT.split(cell) if part.strip()]


def _too_long_for_phone(v: str) -> str | None:
    """A cell of one run of more digits than any phone number has (16 or more: E.164
    allows 15), not a list of numbers ("+40721000111; +40721000112").

    Examples:
        >>> _too_long_for_phone("12024100000000123")
        '12024100000000123'
        >>> _too_long_for_phone("+40721000111; +40721000112") is None
        True
    """
    return v if re.search(r"\d{16}", v) else None


def _digits_like(v: str) -> str | None:
    """Cells that could be phone numbers: mostly digits (and several of them), or a
    number followed by its label ("+40721234567 (Owner)", "+380671234567 Olena Kov")."""
    if _SCIENTIFIC.fullmatch(v):
        return "ok"
    digits = sum(ch.isdigit() for ch in v)
    letters = sum(ch.isalpha() for ch in v)
    if digits >= 7 and not letters:
        return "ok"
    lead = _LEADING_NUMBER.match(v)
    return "ok" if lead and sum(ch.isdigit() for ch in lead.group()) >= 7 else None


def _split_of(values: list[str], check: Any) -> str | None:
    """``auto`` when cells hold several values ("050…; +48…", "a / b") that each read as
    one (see ``build.AUTO_SPLIT``, which the people preset uses too), else None."""
    from linkgraph.ingest.build import AUTO_SPLIT

    multi = [v for v in values if AUTO_SPLIT.search(v)]
    parts = [p for v in multi for p in AUTO_SPLIT.split(v) if p.strip()]
    if not multi:
        return None
    # Most parts read (one may be invalid, "8 916 …" under another country's plan) and
    # better than the cells whole: they hold several values.
    share = _share(parts, check)
    return "auto" if share >= 0.8 or (share >= 0.5 and share > _share(multi, check)) else None


# -- file reading ---------------------------------------------------------------------------


@dataclass
class _Sample:
    fmt: str
    frame: pd.DataFrame
    chunk: Chunk | None
    extra: dict[str, Any] = field(default_factory=dict)  # keys written into the draft
    notes: list[str] = field(default_factory=list)
    sheets: int = 1  # a workbook's sheets that hold data


def _json_records_path(data: Any, path: str = "") -> tuple[str, int] | None:
    """The dotted path of the largest list of objects in a JSON document."""
    best: tuple[str, int] | None = None
    if isinstance(data, list):
        if data and sum(isinstance(x, dict) for x in data) >= len(data) / 2:
            return path, len(data)
        return None
    if isinstance(data, dict):
        for key, value in data.items():
            found = _json_records_path(value, f"{path}.{key}" if path else str(key))
            if found is not None and (best is None or found[1] > best[1]):
                best = found
    return best


def _json_lines_sample(
    text: str, error: json.JSONDecodeError, source: str, notes: list[str]
) -> list[Any]:
    """The records of the first 200 lines of a JSON Lines file (``text``, which did not
    read as one JSON document: ``error``). A line that is not JSON is skipped, and a note
    says which (ingest rejects it as ``invalid_json``).

    Raises:
        InputError: most lines are not JSON either: a JSON document with an error.
    """
    records: list[Any] = []
    bad: list[tuple[int, str]] = []
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        if len(records) + len(bad) >= 200:
            break
        try:
            records.append(json_loads(line))
        except (json.JSONDecodeError, RecursionError) as exc:
            bad.append((number, getattr(exc, "msg", "nested too deeply")))
    if len(bad) >= max(len(records), 1):
        raise InputError(
            f"not valid JSON: {error.msg} (line {error.lineno}, column {error.colno})",
            source=source,
            hint="correct the file there, or export it again; for one JSON object per line,"
            " use format: jsonl",
        )
    for number, msg in bad[:5]:
        notes.append(
            f"WARNING: line {number} is not JSON ({msg}): skipped here; ingest rejects it"
            " as invalid_json"
        )
    if len(bad) > 5:
        notes.append(f"WARNING: {len(bad) - 5} more lines of the first 200 are not JSON")
    return records


def _is_ftm(records: list[Any]) -> bool:
    head = [r for r in records[:20] if isinstance(r, dict)]
    return bool(head) and all("schema" in r and "properties" in r for r in head)


def _fixed_widths(
    path: Path, extra: dict[str, Any], notes: list[str]
) -> tuple[tuple[int, int], ...] | None:
    """The column spans of a text file (not named .csv or .tsv) that looks like a
    fixed-width export (:func:`linkgraph.ingest.fixed_width.file_layout`), with the
    draft's ``widths:`` and ``header_row`` put in ``extra``; else None."""
    from linkgraph.ingest.fixed_width import as_widths, file_layout

    found = file_layout(path)
    if found is None:
        return None
    spans, header_row = found
    extra.update(widths=as_widths(spans), header_row=header_row)
    notes.append(
        "a fixed-width export: its columns are cut at the character positions of `widths:`"
        " (drafted from the columns' alignment; check them against the file)"
    )
    return spans


def _read_sample(path: Path, sheet: str | None = None) -> _Sample:
    from linkgraph.ingest.archive import readable_file

    notes: list[str] = []

    path = readable_file(path)  # a .gz or .zip: the file it holds
    try:
        fmt = guess_format(path)
    except InputError:
        if not _delimited_text(path):
            raise
        fmt = "csv"  # a table under another extension (the Berka bank's trans.asc)
        notes.append(
            f"read as delimited text (format: csv): its extension {path.suffix} says no format"
        )
    extra: dict[str, Any] = {}
    if fmt in ("ftm", "goaml"):
        return _Sample(fmt, pd.DataFrame(), None, {"format": fmt}, notes)
    if fmt in ("json", "jsonl"):
        from linkgraph.ingest.readers import detect_encoding, json_too_deep

        text = path.read_text(encoding=detect_encoding(path))
        try:
            doc = json_loads(text)
            lines = None
        except json.JSONDecodeError as exc:
            doc = None
            lines = _json_lines_sample(text, exc, path.name, notes)
        except RecursionError:
            raise json_too_deep(path.name) from None
        records = lines if lines is not None else doc
        if lines is None and isinstance(doc, dict):
            found = _json_records_path(doc)
            if found is not None and found[0]:
                extra["records"] = found[0]
                notes.append(f"records: the {found[1]} objects under {found[0]}")
                for part in found[0].split("."):
                    records = records[part]
        if isinstance(records, list) and _is_ftm(records):
            return _Sample("ftm", pd.DataFrame(), None, {"format": "ftm"}, notes)
        if lines is not None:
            fmt = "jsonl"
            extra["format"] = "jsonl"
    widths = _fixed_widths(path, extra, notes) if fmt == "csv" else None
    if widths is not None:
        fmt = "fixed"
        header_row = extra.pop("header_row")  # the draft writes the layout the reader found
        fixed = next(read_chunks(path, fmt, chunk_rows=500, widths=widths, header_row=header_row))
        return _Sample(fmt, fixed.frame, fixed, extra, notes)
    sheets: list[tuple[int, Chunk]] = []
    if sheet is not None and fmt != "xlsx":
        raise InputError(
            f"--sheet is for workbooks; {path.name} is {fmt}",
            source=path.name,
            hint="drop --sheet",
        )
    chunks = read_chunks(path, fmt, records=extra.get("records"), chunk_rows=500, sheet=sheet)
    for chunk in chunks:
        if fmt != "xlsx":
            from linkgraph.ingest._header_blocks import OTHER_HEADER, REORDERED_HEADER
            from linkgraph.ingest._table_blocks import SECOND_TABLE

            said = (REORDERED_HEADER, OTHER_HEADER, SECOND_TABLE)
            notes += [n for n in chunk.notes if any(w in n for w in said)]
            if chunk.layout.get("encoding_guessed"):
                notes.append(
                    f"text read as {chunk.layout['encoding']} (detected): if names read"
                    " wrong, set `encoding:`"
                )
            return _Sample(fmt, chunk.frame, chunk, extra, notes)
        if any(c.source == chunk.source for _, c in sheets):
            continue  # a sheet is sampled by its first chunk
        width = sum(1 for c in chunk.frame.columns if not str(c).startswith("column_"))
        sheets.append((len(chunk.frame) * max(width, 1) * (width >= 2), chunk))
    if not sheets:
        raise InputError("the file holds no rows", source=path.name)
    hidden_tables = [
        f"{c.layout.get('sheet')!r} ({len(c.frame):,} row{'s' * (len(c.frame) != 1)}:"
        f" {', '.join(str(t) for t in c.frame.columns if not str(t).startswith('column_'))})"
        for score, c in sheets
        if score and c.layout.get("state", "visible") != "visible"
    ]
    sheets, hidden = _visible_sheets(sheets)
    _, chunk = max(sheets, key=lambda s: s[0])
    all_sheets = chunk.layout.get("sheets") or []
    if sheet is not None or len(sheets) > 1 or hidden:
        extra["sheet"] = chunk.layout.get("sheet")
    if hidden and hidden_tables:
        notes.append(
            f"hidden sheets skipped: {hidden}; WARNING: hidden sheets holding tables of their"
            f" own, not read by this draft: {'; '.join(hidden_tables)} (a dropdown's lookup"
            " list has one column): --sheet NAME drafts a mapping for one"
        )
    elif hidden:
        notes.append(
            f"hidden sheets skipped: {hidden} (lookup lists of a sheet's dropdowns, as a"
            " rule); --sheet NAME reads one"
        )
    if sheet is None and len(sheets) > 1:
        alike = [c for _, c in sheets if _same_columns(c, chunk)]
        others = [c.layout.get("sheet") for _, c in sheets if all(c is not a for a in alike)]
        if len(alike) > 1:
            # A sheet a year (or a month, a region) of one table: read them all.
            extra["sheet"] = [str(c.layout.get("sheet")) for c in alike]
            notes.append(
                f"sheets {extra['sheet']} have the same columns: all read (`sheet:` lists"
                f" them); the draft is made from {chunk.layout.get('sheet')!r} (the most data)"
            )
        else:
            notes.append(f"sheet {extra['sheet']!r} chosen (the most data)")
        if others:
            notes[-1] += f"; not {others}"
            notes.append(
                "for another sheet: linkgraph mapping suggest FILE --sheet NAME (each sheet's"
                " mapping in a pipeline's sources, `linkgraph run`)"
            )
    elif sheet is not None and len(all_sheets) > 1:
        notes.append(f"sheet {sheet!r} of {all_sheets}")
    from linkgraph.ingest._sniff import misnamed_workbook_note

    notes += [n for n in [misnamed_workbook_note(path)] if n]  # as ingest says it
    notes += _formula_notes(chunk)
    notes += [
        f"{said} (sheet {chunk.layout.get('sheet')!r})" for said in hidden_summary(chunk.layout)
    ]
    from linkgraph.ingest._table_blocks import SECOND_TABLE

    notes += [n for n in chunk.notes if SECOND_TABLE in n]  # as ingest says it
    return _Sample(fmt, chunk.frame, chunk, extra, notes, len(sheets))


#: A line of delimited text: two fields at least, split by a comma, a semicolon, a tab or
#: a pipe.
_DELIMITED_LINE = re.compile(r"[^,;\t|]*[,;\t|].*")


def _text_lines(path: Path, most: int = 200) -> list[str] | None:
    """The first non-empty lines of a text file, None if it is no text (a binary file)."""
    from linkgraph.ingest.readers import detect_encoding

    try:
        with path.open(encoding=detect_encoding(path), errors="strict") as handle:
            lines = [line.strip() for _, line in zip(range(most * 2), handle, strict=False)]
    except (UnicodeDecodeError, OSError, ValueError, InputError):
        return None  # InputError: an encoding no guess reads
    if any("\x00" in line for line in lines):
        return None
    return [line for line in lines if line][:most]


def _delimited_text(path: Path) -> bool:
    """Whether a file of an unknown extension is a delimited table (every line sampled
    has a delimiter, and the first is no JSON document or record: a `.geojson` file's
    commas make no table)."""
    lines = _text_lines(path)
    return (
        bool(lines)
        and all(_DELIMITED_LINE.fullmatch(line) for line in lines)
        and not _is_json_line(lines[0])
    )


def _is_json_line(line: str) -> bool:
    """Whether a line is a whole JSON object or array (``{"type": ...}``), not a header.

    Examples:
        >>> _is_json_line('{"type": "FeatureCollection", "features": []}')
        True
        >>> _is_json_line("[Name],[Phone]"), _is_json_line("name,phone")
        (False, False)
    """
    if not line.startswith(("{", "[")):
        return False
    try:
        return isinstance(json_loads(line), dict | list)
    except ValueError:
        return False


def _same_columns(one: Chunk, other: Chunk) -> bool:
    """Whether two sheets' headers have the same titles, in any order (see
    :func:`linkgraph.ingest.readers.column_titles`)."""
    from linkgraph.ingest.readers import column_titles

    titles = column_titles(one.frame)
    return len(titles) >= 2 and titles == column_titles(other.frame)


def _visible_sheets(
    sheets: list[tuple[int, Chunk]],
) -> tuple[list[tuple[int, Chunk]], list[str]]:
    """The sampled sheets (data score, first chunk) to choose from, and the names of the
    hidden ones left out: a hidden or very hidden sheet (a dropdown's list of values) is
    chosen only when no visible sheet has data."""

    def shown(chunk: Chunk) -> bool:
        return chunk.layout.get("state", "visible") == "visible"

    visible = [(score, c) for score, c in sheets if shown(c)]
    if not any(score for score, _ in visible):
        return sheets, []
    return visible, [str(c.layout.get("sheet")) for _, c in sheets if not shown(c)]


def _formula_notes(chunk: Chunk) -> list[str]:
    """A warning when formula cells of the sample have no value to read (the file was
    written by a program that did not compute them, or they show an error)."""
    found = [r for r in chunk.rejects if r["reason"] == "formula" and r["level"] == "value"]
    if not found:
        return []
    first = found[0]
    return [
        f"WARNING: {len(found)} formula cell(s) of the first rows have no value to read"
        f" (row {first['row']}, column {first['column']!r}: {first['value']})"
    ]


# -- the proposal ----------------------------------------------------------------------------


@dataclass
class _Draft:
    entities: dict[str, dict[str, Any]] = field(default_factory=dict)
    links: list[dict[str, Any]] = field(default_factory=list)
    used: set[str] = field(default_factory=set)
    notes: list[str] = field(default_factory=list)  # comment lines for the draft's head
    region: str | None = None  # the country its drafting found (a holder's own number)
    source: str = ""  # the file's name, for a constant that stands for the file's own account
    #: the first hex digits of the file's SHA-256: two statements of one name
    #: ("statement.csv" from two banks) get two constants, not one account
    source_digest: str = ""
    #: ``skip_rows_where:`` (a payment status column's rows that did not go through)
    skip_rows_where: dict[str, Any] | None = None
    #: The columns of a second table on the sheet (under a header of its own) -> the
    #: group its columns make (:mod:`linkgraph.ingest._table_blocks`): its own persons
    tables: dict[str, str] = field(default_factory=dict)

    def slot(self, name: str, etype: str, **extra: Any) -> dict[str, Any]:
        if name not in self.entities:
            self.entities[name] = {"type": etype, **extra, "fields": {}}
        return self.entities[name]

    def link(self, kind: str, src: str, dst: str, **extra: Any) -> None:
        if src in self.entities and dst in self.entities and src != dst:
            item = {"kind": kind, "src": src, "dst": dst, **extra}
            if item not in self.links:
                self.links.append(item)


#: The start of a header whose words are read for its field and role: a header line of
#: megabytes with no delimiter is one "column", and the header patterns would take minutes
#: over all of it.
HEADER_WORD_CHARS = 1_000


def _columns_info(frame: pd.DataFrame, region: str | None) -> dict[str, dict[str, Any]]:
    """Per column: its header words, role, field (from the header, else the values)."""
    info: dict[str, dict[str, Any]] = {}
    rows = sample_rows(len(frame.columns))
    for col in frame.columns:
        col = str(col)
        key = _words(col[:HEADER_WORD_CHARS])
        values = _sample(frame[col], rows)
        fld = header_field = _field_of(key)
        dates = _mostly(values, normalize.date)
        # A handset's or SIM card's number (15 digits) or a coordinate: never a phone.
        coded = bool(_DEVICE.search(key) or _LATITUDE.match(key) or _LONGITUDE.match(key))
        if coded:
            fld = None
        elif fld in (None, "name", "id") and values and not dates:
            if _mostly(values, lambda v: _is_iban(v) or None):
                fld = "account"  # IBANs, whatever the header's language
            elif _mostly(values, lambda v: _phone_any(v, region)):
                fld = "phone"
            elif _mostly(values, normalize.email):
                fld = "email"
        if (
            fld in (None, "name")
            and not coded
            and not dates
            and (fld == "name" or _role_of(key) is not None or re.search(_CALL_ENDS, key))
            and _numbers_not_names(values, region)
        ):
            fld = "phone"  # "caller", "Subscriber": a person's word, but numbers, never a name
        if fld in (None, "id") and not coded and not dates and call_number_column(key, values):
            fld = "phone"  # "Calling No", "Other Party": a call's numbers, in any region
        if fld == "phone" and dates:
            fld = "time"  # "Wertstellung" (its "tel" no telephone): dates are no phones
        elif fld == "phone" and values and _share(values, _digits_like) < 0.5:
            # "Fallnummer", "Case number": a number, not a phone; "arrest_id" whose values
            # ("BPOL-2023-031921") would parse as numbers stays the id its header says
            by_name = re.search(r"nummer$|number$|^no$|^nr$", key)
            fld = "id" if by_name or header_field == "id" else None
        elif fld == "phone" and values and _share(values, _too_long_for_phone) >= 0.8:
            # "Номер провадження": 17 digits are a record's number (E.164 has 15 at most)
            fld = "id" if re.search(r"num|nomer|^no$|^nr$", key) else None
        if _mostly(values, lambda v: normalize.wallet(v) or None):
            fld = "account"  # crypto wallets ("From Address"): accounts, not home addresses
        elif fld is None and values and dates:
            fld = "time"
        fld = _checked_by_values(fld, key, values, dates)
        if not coded:
            fld = _field_by_values(fld, values, key)
        if fld == "time" and _BIRTH_HEADER.search(key):
            fld = "dob"  # a date of birth is never an event's or a link's time
        step = fld == "time" and _is_step(values)
        if step:
            fld = None  # a simulation's step (1, 2, ... 743): kept as written, no time
        role = _role_of(key)
        if (
            fld is None
            and role is not None
            and not _nested(col)
            and _role_header(key, role)
            and not re.search(_ROLE_IN_HEADER, key)  # "Caller role": never the caller's name
            and flag_share(values) < 0.8  # "Визнана жертвою": Так/Ні, a flag, no names
        ):
            fld = "name"  # a header that is only a role word: "Потерпіла", "Director", "受害人"
        if fld is None and _PERSON_HEADER.search(key) and _share(values, _person_name) >= 0.8:
            fld = "name"  # "person", "Persona", "Особа": a name, when its values are names
        split = None
        if fld in ("phone", "email"):
            check = (lambda v: _phone_any(v, region)) if fld == "phone" else normalize.email
            split = _split_of(values, check)
        info[col] = {"key": key, "field": fld, "role": role, "split": split, "values": values}
        info[col]["step"] = step
    _typed_phone_columns(info, region)
    for col, side in call_side_columns(info).items():
        # "From"/"To", "A"/"B" over phone numbers beside a call's time: a call's ends,
        # whatever region reads them (the region is then read from them)
        info[col].update(field="phone", call_end=side)
        info[col]["split"] = _split_of(info[col]["values"], lambda v: _phone_any(v, region))
    _named_by_values(info)
    _birth_date_parts(info)
    has_time = any(i["field"] == "time" for i in info.values())
    for side, col in crossing_sides(info, has_time).items():
        # a border crossing's country left or entered: its event's, never the person's
        info[col].update(field=None, crossing=side)
    return info


#: The ranges of a date of birth's year, month and day, when written in three columns.
_PART_RANGES = {"year": (1800, 2100), "month": (1, 12), "day": (1, 31)}


@functools.cache
def _birth_part_headers() -> dict[str, frozenset[str]]:
    """The headers of a date of birth's year, month and day columns, as the ``people``
    preset names them (its ``dob`` over three columns: RLdata's ``by``, ``bm``, ``bd``,
    ``birth_year``, ``Geburtsmonat``, ...), compared without separators: one vocabulary
    for the preset and the drafts."""
    from linkgraph.ingest.mapping import load_mapping

    person = next(e for e in load_mapping("people").entities if e.type == "person")
    parts = person.fields["dob"].columns
    return {
        part: frozenset(_words(n).replace("_", "") for n in names)
        for part, names in zip(_PART_RANGES, parts, strict=True)
    }


def _birth_date_parts(info: dict[str, dict[str, Any]]) -> None:
    """Mark a date of birth written as year, month and day columns: each is a ``dob``
    column with its ``dob_part``, joined into one date (``1949-7-22``) by the draft.
    The year alone is a date of birth too; a month or day without a year is none."""
    found: dict[str, str] = {}
    headers = _birth_part_headers()
    for col, i in info.items():
        key = i["key"].replace("_", "")
        for part, (low, high) in _PART_RANGES.items():
            if (
                part not in found
                and key in headers[part]
                and _mostly(
                    i["values"],
                    lambda v, lo=low, hi=high: lo <= int(v) <= hi if v.isdigit() else None,
                )
            ):
                found[part] = col
    if "year" not in found:
        return
    for part, col in found.items():
        info[col]["field"] = "dob"
        info[col]["dob_part"] = part


def _numbers_not_names(values: list[str], region: str | None) -> bool:
    """Whether a column under a person's word ("caller", "Subscriber") holds phone numbers:
    digits (80 %), at least half of them numbers read without a region ("+380501112233";
    "0501112233" needs one, "4.47911E+11" is one a spreadsheet rounded).

    Examples:
        >>> _numbers_not_names(["+380501112233", "0501112233", "380931234567"], None)
        True
        >>> _numbers_not_names(["Petro Bondar", "+380501112233"], None)
        False
    """
    return bool(values) and (
        _share(values, _digits_like) >= 0.8
        and _share(values, lambda v: _phone_any(v, region)) >= 0.5
    )


def _is_step(values: list[str]) -> bool:
    """Whether a time column's values are a simulation's steps or a period's number (1, 2,
    ... 743: AMLSim's start and end, PaySim's step), not dates: whole numbers of at most
    five digits, not all years (1990, 2024) nor all a clock's hhmm (0930, 1415).

    Examples:
        >>> _is_step(["1", "2", "50"]), _is_step(["930101"]), _is_step(["2019", "2020"])
        (True, False, False)
        >>> _is_step(["0930", "1415"]), _is_step(["2024-01-02"])
        (False, False)
    """
    if not values or not all(re.fullmatch(r"\d{1,5}", v) for v in values):
        return False
    numbers = [int(v) for v in values]
    if all(1900 <= n <= 2100 and len(v) == 4 for n, v in zip(numbers, values, strict=True)):
        return False
    clock = all(
        len(v) == 4 and n // 100 < 24 and n % 100 < 60 for n, v in zip(numbers, values, strict=True)
    )
    return not clock


def _checked_by_values(fld: str | None, key: str, values: list[str], dates: bool) -> str | None:
    """The header's field, unless the column's values say it cannot be: a "document" of a
    few words without digits is the document's type (PASSAPORTO), one of dates is a date
    of the document (its expiry), never a document all its holders would share; a running
    row number (1, 2, 3, ...) is no id; a status column whose values are no role words
    ("Completed") is no role."""
    if fld == "document" and values:
        if dates:
            return "doc_date"
        if sum(any(ch.isdigit() for ch in v) for v in values) < 0.2 * len(values):
            return "doc_type"
    if fld == "doc_date" and not dates:
        return None
    if fld == "booking" and (dates or len(set(values)) == len(values)):
        return None  # no booking shared by two rows: nothing it links, the row's attribute
    if fld in (None, "id") and _is_row_number(values):
        return "row_number"
    if fld == "role" and re.search(_STANDING, key) and not _any_role_word(values):
        return None
    if fld in (None, "name") and re.search(_ROLE_IN_HEADER, key) and _any_role_word(values):
        return "role"  # "Caller role", "Rolle im Verfahren", "Роль заявника": victim, relative
    if fld in ("debit", "credit") and values and not _mostly(values, normalize.amount):
        # "Dare", "Cargo", "Debit/Credit" over no amounts: a shipment, a D/C type column
        return "time" if dates else None
    return fld


#: A header whose words include one that says "role" ("Caller role", "Role of person",
#: "Rolle im Verfahren", "Роль"): the role of the row's person when a value is a role word.
_ROLE_IN_HEADER = r"(^|_)(roles?|rolle|rol|rola|rolul|ruolo|papel|vai_tro|jiao_se)($|_)"


#: The share of a column's values that must be of one kind for it to be read by them.
_BY_VALUES = 0.6


def _field_by_values(fld: str | None, values: list[str], key: str = "") -> str | None:
    """The field of a column its values give, whatever its header says or does not say:
    ISO 4217 codes are a currency (Italian "Valuta" is the currency beside EUR, the value
    date beside dates), role words ("víctima", "victime", "ضحية") a role, nationality or
    country words ("española", "Nigeria") a nationality. A column of free text by its
    header ``key`` ("notes", "Bemerkung") is never a role: "no victim identified" says
    that the row has no victim, not that its person is one."""
    if not values:
        return fld
    if fld in (None, "time", "id", "reference", "name") and _share(values, _currency_code) >= 0.8:
        return "currency"
    if fld is None and not _FREE_TEXT.search(key) and _role_share(values) >= _BY_VALUES:
        return "role"
    if fld is None and _nationality_share(values) >= 0.8 and not re.search(_DESTINATION, key):
        return "nationality"  # "Bansang Pupuntahan": where she was sent, not her nationality
    return fld


#: A header of where the row's person was taken or is going ("Destination country",
#: "País de destino", "Zielland", Tagalog "Bansang Pupuntahan", Indonesian "Negara
#: Tujuan", Ukrainian "Країна призначення", Turkish "Gideceği ülke"): never a nationality.
_DESTINATION = (
    r"destinat|(^|_)(destino|ziel|zielland|zielort|bestemming|docelow\w*|pupuntahan|tujuan"
    r"|priznachennia|priznacheniia|naznacheniia|naznachennia|varis|gidecegi|hedef)($|_)"
)


#: A header of free text written about the row ("notes", "Comments", "Bemerkungen",
#: "Observaciones", "Примечание"): its cells name roles in sentences, never as a role.
_FREE_TEXT = re.compile(
    r"(^|_)(notes?|comments?|remarks?|memo|narrative|description|summary|details?|text"
    r"|bemerkung(en)?|anmerkung(en)?|kommentar(e)?|notiz(en)?|observa\w*|comentario\w*"
    r"|nota|osservazion\w*|uwagi|uwaga|opis|poznamk\w*|primechani\w*|prymitk\w*"
    r"|komentar\w*|obs)($|_)"
)


def free_text_header(header: str) -> bool:
    """Whether a header names a column of free text ("Notes", "Bemerkungen"), whose cells
    may name a role in a sentence ("no victim identified") without being a role.

    Examples:
        >>> free_text_header("Notes"), free_text_header("case_comments"), free_text_header("Role")
        (True, True, False)
    """
    return _FREE_TEXT.search(_words(header)) is not None


def _currency_code(value: str) -> str | None:
    """``value`` when it is an ISO 4217 code in capitals ("EUR", "NGN"), else None."""
    return value if value.strip() in normalize.ISO_CURRENCIES else None


def _role_share(values: list[str]) -> float:
    """The share of ``values`` that are role words of the vocabulary, when one of them at
    least is a victim's, a suspect's, a witness's or a reporter's (not a column of
    "Owner", "Client" only); 0 otherwise."""
    # a role cell is a few words ("victim", "persona offesa"); a longer one is a note
    # that names a role ("girl - victim - owes 30k"), not a role column's value
    roles = {
        v: canonical_role(v) if len(v.split()) <= _ROLE_CELL_WORDS else None for v in set(values)
    }
    if not any(r in ROLES for r in roles.values()):
        return 0.0
    return _share(values, lambda v: v if roles[v] and not roles_not_understood(roles[v]) else None)


#: The most words a role column's cell has ("vittima di tratta", "persona offesa")
_ROLE_CELL_WORDS = 3


def _nationality_share(values: list[str]) -> float:
    """The share of ``values`` that name a country, when most distinct values are words
    (not a column of two-letter codes that "IN"/"OUT" or "NO" would also be)."""
    distinct = set(values)
    if sum(len(v) > 3 for v in distinct) < 0.5 * len(distinct):
        return 0.0
    return _share(values, normalize.country)


#: A person's name as a cell holds it: two to six words of letters, the family name
#: first before a comma ("NGUYEN, Thi Lan") or not, or two to four Chinese, Japanese or
#: Korean characters ("王伟", "李娜").
_PERSON_NAME = re.compile(
    r"[^\W\d_][^\W\d_'’.\-]*(?:,?[\s\-]+[^\W\d_][^\W\d_'’.\-]*){1,5}"
    r"|[\u3400-\u9fff\uac00-\ud7af]{2,4}"
)


def _named_by_values(info: dict[str, dict[str, Any]]) -> None:
    """A file whose headers name no person (headers in a language the vocabulary does not
    hold): its first column of person-like names is the name, and then its first column
    of past dates that no header named is the date of birth."""
    if any(i["field"] in _NAME_FIELDS for i in info.values()):
        return
    for i in info.values():
        values = i["values"]
        if i["field"] is None and values and _share(values, _person_name) >= 0.8:
            i["field"] = "name"
            break
    else:
        return
    if any(i["field"] == "dob" for i in info.values()):
        return
    for i in info.values():
        if i["field"] == "time" and _field_of(i["key"]) is None and _birth_dates(i["values"]):
            i["field"] = "dob"
            return


#: A header that says "person" and no more of it than what kind ("person", "Persona",
#: "Personne", "Persoană", "Persoon", "Pessoa", "Особа", "Лицо", "Kişi", "Individual",
#: "Person involved", "Фізична особа"): its cells name the row's person when they are
#: names (not "P-001", nor a type "Individual").
_PERSON_HEADER = re.compile(
    r"^((person|persona|personne|persoana|persoane|persoon|pessoa|osoba|litso|kisi|individual"
    r"|prosopo|figurant)(s|e|y|i|en|as|es|ane)?)"
    r"(_(involved|concerned|named|fizica|fisica|physique|natural))?$"
    r"|^(fizichna|fizicheskoe|natural|physical)_(osoba|litso|person)$"
)


def _person_name(value: str) -> str | None:
    return value if _PERSON_NAME.fullmatch(value.strip()) else None


def _birth_dates(values: list[str]) -> bool:
    """Whether most ``values`` are dates without a clock at least ten years ago."""
    import datetime

    latest = str(datetime.date.today().year - 10)

    def born(v: str) -> str | None:
        day = normalize.birth_date(v)
        return day if ":" not in v and day is not None and day[:4] <= latest else None

    return bool(values) and _share(values, born) >= 0.8


def _is_row_number(values: list[str]) -> bool:
    """Whether a column counts the file's rows (1, 2, 3, ...): unique only within its file.

    Examples:
        >>> _is_row_number(["1", "2", "3"]), _is_row_number(["0", "1"]), _is_row_number(["7", "8"])
        (True, True, False)
    """
    if len(values) < 2 or not all(re.fullmatch(r"\d{1,7}(\.0)?", v) for v in values):
        return False
    numbers = [int(float(v)) for v in values]
    return numbers[0] <= 1 and numbers == list(range(numbers[0], numbers[0] + len(numbers)))


def _any_role_word(values: list[str]) -> bool:
    """Whether any value of a column is a role word of the vocabulary ("victim", "Zeuge")."""
    return any(not roles_not_understood(canonical_role(v)) for v in set(values))


#: The kinds of a phone book's entries that are phone numbers ("Mobile", "Home", "Handy",
#: "Telefon", "WhatsApp"), as folded header words.
_PHONE_KINDS = re.compile(
    r"mobil|cell|phone|telef|^tel|^home|^work|^office|^main|^other|handy|^fax|whatsapp"
    r"|viber|telegram|signal|komork|^domowy|^casa|^acasa|^lavoro|^trabajo|^privat|^dienst"
)


def _typed_phone_columns(info: dict[str, dict[str, Any]], region: str | None) -> None:
    """A phone book's entries as a pair of columns, a kind beside its value ("Entries
    Type" = "Mobile", "Entries Value" = "+380 67 123 4567", a phone report's contacts):
    the value column is a phone column when its kinds are phone kinds, whatever
    country each number is written for (each is read under the file's region)."""
    for i in info.values():
        words = i["key"].rsplit("_", 1)
        if i["field"] not in (None, "id") or len(words) != 2 or not _VALUE_KEY.match(words[1]):
            continue
        kind = next(
            (
                k
                for k in info.values()
                if k["key"].rsplit("_", 1)[0] == words[0]
                and _TYPE_KEY.match(k["key"].rsplit("_", 1)[-1])
                and k is not i
            ),
            None,
        )
        kinds = [_words(v) for v in kind["values"]] if kind else []
        if not kinds or _share(kinds, lambda v: _PHONE_KINDS.search(v)) < 0.8:
            continue
        if _share(i["values"], _digits_like) >= 0.5:
            i["field"] = "phone"
            i["split"] = _split_of(i["values"], lambda v: _phone_any(v, region))


#: Header words of a language spoken in mainly one of the exports' countries: a file whose
#: headers are Dutch reads its "06 12345678" as Dutch, not French, numbers. Words shared
#: with English or with another language ("telephone", "telefono") are left out.
_HEADER_COUNTRY = {
    **dict.fromkeys(
        ("voornaam", "achternaam", "woonplaats", "telefoonnummer", "geboortedatum"), "NL"
    ),
    **dict.fromkeys(("prenom", "ville", "naissance", "courriel"), "FR"),
    **dict.fromkeys(("apellidos", "apellido", "localidad", "nacimiento", "correo"), "ES"),
    **dict.fromkeys(("cognome", "nome", "nascita", "cellulare", "indirizzo", "comune"), "IT"),
    **dict.fromkeys(("nazwisko", "imie", "urodzenia", "miejscowosc", "telefonu"), "PL"),
    **dict.fromkeys(("prenume", "nasterii", "localitate", "judet"), "RO"),
    **dict.fromkeys(("soyad", "soyadi", "adi", "dogum", "sehir"), "TR"),
    **dict.fromkeys(("sobrenome", "nascimento", "morada", "telemovel"), "PT"),
    **dict.fromkeys(("prizvishche", "prizvyshche", "narodzhennia", "narodzhennya", "misto"), "UA"),
    **dict.fromkeys(
        ("familiia", "familiya", "otchestvo", "rozhdeniia", "rozhdeniya", "gorod"), "RU"
    ),
    **dict.fromkeys(("vorname", "nachname", "geburtsdatum", "wohnort", "strasse"), "DE"),
}


def infer_region(frame: pd.DataFrame) -> tuple[str | None, tuple[str, ...]]:
    """The default region of a table's national phone numbers, or the countries whose
    plans read them alike when none is taken (see :func:`region_reading`): its phone
    columns found by their headers and values."""
    frame = frame.replace("", pd.NA)
    return region_reading(frame, _columns_info(frame, None))


def ambiguous_region_note(countries: Sequence[str], most: int = 8) -> str:
    """What the draft's comment and ingest's warning say of local numbers that several
    countries' plans read alike: the countries, most likely first (at most ``most``).

    Examples:
        >>> ambiguous_region_note(["KE", "UA"])[:50]
        'region: ambiguous (KE, UA): the local numbers are '
        >>> ambiguous_region_note([f"C{i}" for i in range(10)], most=2)[:41]
        'region: ambiguous (C0, C1, ... 10 in all)'
    """
    shown = ", ".join(countries[:most])
    if len(countries) > most:
        shown += f", ... {len(countries)} in all"
    return (
        f"region: ambiguous ({shown}): the local numbers are valid in each of these"
        " countries' numbering plans"
    )


def region_note(frame: pd.DataFrame, fitting: Sequence[str]) -> str:
    """What the draft's comment and ingest's warning say when no region is taken for a
    table's local numbers: the countries whose plans read them (how many of them, and as
    mobiles), and what the file's numbers written with +CC say.

    Examples:
        >>> frame = pd.DataFrame({"phone": ["+380671234567", "+380501112233",
        ...                                 "08031234567", "0812345678"]})
        >>> region_note(frame, ["DE"])
        "region not set: only DE's numbering plan reads the local numbers (2 of 2, none as \
a mobile); the file's numbers with +CC are of UA (2), whose plan reads none of them"
    """
    info = _columns_info(frame.replace("", pd.NA), None)
    _, _, local, plus = _phone_evidence(info)
    local = local[:100]

    distinct = Counter(local)

    def reads(region: str) -> tuple[int, int]:
        valid = mobile = 0
        for v, count in distinct.items():
            with contextlib.suppress(ValueError, TypeError):
                if e164 := normalize.phone(v, region):
                    valid += count
                    mobile += count * _is_mobile(e164)
        return valid, mobile

    def how_many(valid: int) -> str:
        return "none of them" if not valid else f"{valid} of {len(local)}"

    if len(fitting) == 1:
        valid, mobile = reads(fitting[0])
        as_mobile = "none as a mobile" if not mobile else f"{mobile} as mobiles"
        note = (
            f"region not set: only {fitting[0]}'s numbering plan reads the local numbers"
            f" ({how_many(valid)}, {as_mobile})"
        )
    elif fitting:
        note = ambiguous_region_note(fitting)
    else:
        note = "region not set: no country's numbering plan reads most of the local numbers"
    if plus:
        named = ", ".join(f"{c} ({n})" for c, n in plus.most_common(5))
        counts = [reads(c)[0] for c in plus]
        read = how_many(max(counts)) if len(plus) > 1 else how_many(counts[0])
        note += (
            f"; the file's numbers with +CC are of {named}, whose plan"
            f"{'s read at most' if len(plus) > 1 else ' reads'} {read}"
        )
    return note


def _international(value: str) -> bool:
    """A number read the same in every region (its country code without "+" or "00":
    "447712345678"): it says nothing of the file's region."""
    try:
        return bool(re.fullmatch(r"\d{10,15}", value)) and bool(normalize.phone(value))
    except ValueError:
        return False


def _country_of_international(value: str) -> str | None:
    """The country of an international number, written with "+" or "00" or with its
    country code alone ("380501112233"); None for a national or an invalid number."""
    if not (value.startswith(("+", "00")) or _international(value)):
        return None
    try:
        e164 = normalize.phone(value if value.startswith(("+", "00")) else f"+{value}")
    except ValueError:
        return None
    if not e164:
        return None
    import phonenumbers

    return phonenumbers.region_code_for_number(phonenumbers.parse(e164))


def several_row_countries(
    frame: pd.DataFrame, info: dict[str, dict[str, Any]], rows: int = 200
) -> Counter[str]:
    """The countries of the rows whose local phone numbers their own country (or, without
    a country column, nationality) reads, when those are several and none holds 80% of
    them: each row's numbers are then read with its own country, and no region is right
    for the whole file. Empty otherwise."""
    by_field = {i["field"]: c for c, i in reversed(list(info.items()))}
    own = by_field.get("country") or by_field.get("nationality")
    phones = [c for c, i in info.items() if i["field"] == "phone"]
    if own is None or not phones:
        return Counter()
    read: Counter[str] = Counter()
    local = 0
    party = party_country_columns(info)  # "Receiver Phone": "Receiver Country"
    for _, row in frame.head(rows).iterrows():
        for col in phones:
            country = _country_or_none(row[party.get(col, own)])
            cell = row[col]
            if pd.isna(cell) or country is None:
                continue
            cell = str(cell).strip()
            if not cell or cell.startswith(("+", "00")) or _international(cell):
                continue
            local += 1
            with contextlib.suppress(ValueError, TypeError):
                if normalize.phone(cell, country):
                    read[country] += 1
    if len(read) < 2 or sum(read.values()) < 0.8 * local:
        return Counter()  # one country, or the rows' countries do not read their numbers
    if read.most_common(1)[0][1] >= 0.8 * sum(read.values()):
        return Counter()
    return read


def _country_or_none(cell: Any) -> str | None:
    if pd.isna(cell):
        return None
    try:
        return normalize.country(str(cell))
    except ValueError:
        return None


def _infer_region(
    frame: pd.DataFrame, info: dict[str, dict[str, Any]], facts: dict[str, str] | None = None
) -> str | None:
    """The default region of the local phone numbers (see :func:`region_reading`)."""
    return region_reading(frame, info, facts)[0]


def _phone_evidence(
    info: dict[str, dict[str, Any]], facts: dict[str, str] | None = None
) -> tuple[Counter[str], Counter[str], list[str], Counter[str]]:
    """What a file says of its local numbers' country: the countries it names (its
    international numbers, country columns), those its headers' language and its numbers
    written without "+" hint at, its local numbers, and the countries of its numbers
    written with "+" (or "00") alone."""
    local: list[str] = []
    candidates: Counter[str] = Counter()  # countries the file names: numbers, columns
    # countries its headers' language and its numbers written without "+" suggest
    hints: Counter[str] = Counter()
    # A subscriber's or holder's number above the header, where it is international.
    numbers = [
        v.strip()
        for v in (facts or {}).values()
        if v.strip().startswith(("+", "00")) or _international(v.strip())
    ]
    for i in info.values():
        # A header in a language spoken in one country names it, weakly (a count of one:
        # a country column or international numbers outweigh it).
        for word in i["key"].split("_"):
            if word in _HEADER_COUNTRY:
                hints[_HEADER_COUNTRY[word]] += 1
                break
        if i["field"] == "country":
            for v in i["values"]:
                with contextlib.suppress(ValueError):
                    if (c := normalize.country(v)) is not None:
                        candidates[c] += 1
        if i["field"] != "phone":
            nested = [n for v in i["values"] for n in _nested_phones(v)]
        else:
            nested = []
            for v in i["values"]:
                nested += json.loads(v) if _is_list_cell(v) else _several_values(v)
        numbers += [normalize.without_text_marker(str(p).strip()) for p in nested]
    plus: Counter[str] = Counter()
    read: dict[str, tuple[str, str | None]] = {}  # each distinct number read once
    for p in numbers:
        if p not in read:
            read[p] = _number_kind(p)
        kind, c = read[p]
        if kind == "plus":
            if c is not None:
                candidates[c] += 1
                plus[c] += 1
        elif kind == "international":
            # "380501112233": most likely a Ukrainian number, but a national number of
            # another country may read so too ("2025550123" as Egyptian): a hint, tried
            # first, that does not rule out the other countries.
            if c is not None:
                hints[c] += 1
        elif kind == "local":
            local.append(p)
    return candidates, hints, local, plus


def _number_kind(p: str) -> tuple[str, str | None]:
    """What :func:`_phone_evidence` reads of one number: ``("plus", country)`` written
    with "+" or "00", ``("international", country)`` its country code without them,
    ``("local", None)`` a national number, ``("", None)`` neither."""
    if p.startswith(("+", "00")):
        return "plus", _country_of_international(p)
    if _international(p):
        return "international", _country_of_international(p)
    if p and not international_shaped(p):
        return "local", None
    return "", None


def region_reading(
    frame: pd.DataFrame, info: dict[str, dict[str, Any]], facts: dict[str, str] | None = None
) -> tuple[str | None, tuple[str, ...]]:
    """The default region of the local phone numbers, and, when none is taken because
    the numbers fit several countries' plans equally and nothing in the file decides,
    those countries.

    The region is the country whose numbering plan reads most of them, trying first the
    countries of the file's international numbers, country columns and headers'
    language; among several countries that read them all alike ("0712 345 678" is a
    Kenyan and a Ukrainian mobile), the one the file's places (city, county, address
    columns) or currencies name (:func:`_region_by_places`), else the one most rows'
    nationality or country names (:func:`region_by_nationality`). None when the rows read
    their numbers with their own countries, and those are several
    (:func:`several_row_countries`)."""
    if several_row_countries(frame, info):
        return None, ()
    candidates, hints, local, _ = _phone_evidence(info, facts)
    if not local:
        return None, ()
    local = local[:100]

    distinct = Counter(local)  # a busy number is read once per region, not per cell

    def fits(region: str) -> tuple[float, float]:
        """The shares of the local numbers that are valid, and mobile, in ``region``."""
        valid = mobile = 0
        for v, count in distinct.items():
            with contextlib.suppress(ValueError, TypeError):
                e164 = normalize.phone(v, region)
                if e164:
                    valid += count
                    mobile += count * _is_mobile(e164)
        return valid / len(local), mobile / len(local)

    # The countries the file names itself (its international numbers, a country column)
    # first: one that reads half of the local numbers is taken (with a country column,
    # each row's country reads its own numbers in any case).
    named = [(region, fits(region)) for region, _ in (candidates + hints).most_common()]
    # None of the file's own countries reads its local numbers: no other country is
    # taken for them (a UK ad's "07700 900456" is not an Indian mobile), but those that
    # read them are named ("0722 555 111" beside "+373 ..." is Romanian, not Moldovan).
    none_taken = bool(candidates)
    if named:
        region, score = max(named, key=lambda r: r[1])
        if score[0] >= 0.5:
            return region, ()
    import phonenumbers

    # Case exports list mostly mobile numbers: of the regions that read the most numbers,
    # those that read the most as mobiles ("06 12 34 56 78" is a French mobile and a
    # Rome landline).
    scores = {region: fits(region) for region in sorted(phonenumbers.SUPPORTED_REGIONS)}
    best_score = max(scores.values())
    if best_score[0] < 0.5:
        return None, ()
    best = [r for r, score in scores.items() if score == best_score]
    if len(best) == 1 and not none_taken:
        return best[0], ()
    # Several plans read them alike: the file's places or currency decide, else nothing
    # does (the preferred region would make every number of the file wrong when it is
    # the other one, and a victim's number missed beside her number written with +CC).
    decided = (
        _region_by_places(frame, info, best)
        or region_by_calendar(info, best)
        or region_by_nationality(info, best)
    )
    if decided is not None and not none_taken:
        return decided, ()
    ordered = tuple(sorted(best, key=lambda r: (r != decided, r not in _REGION_PREFERENCE, r)))
    return None, ordered


#: Header words of a column naming a place: a city, county, district, address.
_PLACE_HEADER = re.compile(
    r"(^|_)(city|county|town|village|place|province|district|region|state|location|address"
    r"|ville|ciudad|citta|stadt|ort|wohnort|miasto|oras|judet|misto|gorod|sehir|il|ilce"
    r"|localitate|localidad|comune|adresse|adresa|direccion|indirizzo|morada)($|_)"
)


def _region_by_places(
    frame: pd.DataFrame, info: dict[str, dict[str, Any]], regions: list[str]
) -> str | None:
    """Which of ``regions`` the file's place names (city, county, address columns:
    "Nairobi") and currencies ("KES") name most, when one does more than any other."""
    votes: Counter[str] = Counter()
    allowed = set(regions)
    for col, i in info.items():
        values = list(dict.fromkeys(str(v) for v in frame[col].dropna().head(200)))[:30]
        if i["field"] == "currency" or re.search(
            r"(^|_)(currency|ccy|valuta|moneda|waehrung)($|_)", i["key"]
        ):
            for value in values:
                votes.update(r for r in _currency_regions(value) if r in allowed)
        elif i["field"] in ("city", "address") or _PLACE_HEADER.search(i["key"]):
            votes.update(c for v in values if (c := _place_country(v)) in allowed)
    ranked = votes.most_common(2)
    if not ranked or (len(ranked) == 2 and ranked[1][1] == ranked[0][1]):
        return None
    return ranked[0][0]


def _place_country(value: str) -> str | None:
    """The country of the place ``value`` names (a city, a county, an address), or None."""
    from linkgraph.geo.places import geocode_one

    with contextlib.suppress(ValueError, TypeError):
        place, _ = geocode_one(value)
        return place.country if place is not None else None
    return None


def _currency_regions(value: str) -> list[str]:
    """The countries whose currency ``value`` is (an ISO 4217 code: "KES" -> KE)."""
    code = value.strip().upper()
    if not re.fullmatch(r"[A-Z]{3}", code):
        return []
    return [r for r, currencies in _territory_currencies().items() if code in currencies]


@functools.cache
def _territory_currencies() -> dict[str, frozenset[str]]:
    """Country (alpha-2) -> the ISO 4217 codes of its tender today (CLDR, through Babel)."""
    import phonenumbers
    from babel.numbers import get_territory_currencies

    return {
        r: frozenset(get_territory_currencies(r, tender=True))
        for r in phonenumbers.SUPPORTED_REGIONS
    }


def _accepted_field_name(name: str) -> str:
    """``name``, or ``name_value`` where the mapping check would take it for a typo of a
    field ("imei" for "time"): an attribute's name the draft can keep."""
    from linkgraph.ingest.mapping import typo_of_field

    while typo_of_field(name) is not None:
        name = f"{name}_value"
    return name


def _accepted_field_names(draft: _Draft) -> None:
    """Rename the draft's attribute fields that the mapping check would refuse."""
    for spec in draft.entities.values():
        spec["fields"] = {_accepted_field_name(k): v for k, v in spec["fields"].items()}


def _is_mobile(e164: str) -> bool:
    import phonenumbers

    kind = phonenumbers.number_type(phonenumbers.parse(e164, None))
    return kind in (
        phonenumbers.PhoneNumberType.MOBILE,
        phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
    )


def _fieldspec(cols: list[str]) -> Any:
    return cols[0] if len(cols) == 1 else {"columns": cols, "join": " "}


def _time_columns(info: dict[str, dict[str, Any]], cols: list[str]) -> Any:
    """A date column and a separate time-of-day column ("Data", "Ora") joined."""
    clock = r"ora|time|zeit|uhrzeit|heure|hora|chas|vremia|godzina|saat|tijd"
    dates = [
        c
        for c in cols
        if not re.fullmatch(clock, info[c]["key"]) and not _times_of_day(info[c]["values"])
    ]
    clocks = [c for c in cols if c not in dates]
    if dates and clocks:
        return {"columns": [dates[0], clocks[0]], "join": " "}
    return dates[0] if dates else (clocks[0] if clocks else None)


_TIME_OF_DAY = re.compile(r"\d{1,2}[:.]\d{2}([:.]\d{2})?")


def _times_of_day(values: list[str]) -> bool:
    """Whether a column holds clock times without a date ("08:05", "19.22:10"): the time
    of day beside a date column ("arrest_time" beside "arrest_date").

    Examples:
        >>> _times_of_day(["08:05", "19:22:10"]), _times_of_day(["15.01.2023"])
        (True, False)
    """
    return bool(values) and all(_TIME_OF_DAY.fullmatch(v) for v in values)


#: A column of the served line's number (the subscriber whose records these are, the
#: warrant's target), beside the A and B numbers or the other party's: "Served MSISDN",
#: "Target", "Subscriber number", "Абонент", "Номер абонента", "Rufnummer Teilnehmer".
_SERVED = (
    r"served|target|(^|_)subscriber_(number|msisdn|phone|nr|no|tel)|^msisdn$|^abonent$"
    r"|nomer_abonenta|abonentskii_nomer|abonentskyi_nomer|rufnummer_teilnehmer"
    r"|^teilnehmer|teilnehmer_?nummer|numar_abonat|numar_client|^abonat$|own_number"
    r"|^subscriber$|numer_abonenta|numero_abonado|numero_abbonato|ligne_cible|numero_cible"
)
#: A name column of the other party in a subscriber's own CDR ("Other party name").
_OTHER_PARTY = r"other|partner|party|contact|kontakt|gegen|korrespond|corresp|interlocut|callee"
#: Identifiers of the handset and the SIM card: kept on the served line's phone.
_DEVICE = re.compile(r"(?:^|_)(imei|imsi|iccid|meid|esn)(?:$|_)")
_LATITUDE = re.compile(
    r"^(cell_|bts_|site_)?(lat|latitude|latitud|latitudine|breitengrad|breite|shirota"
    r"|szerokosc)$"
)
_LONGITUDE = re.compile(
    r"^(cell_|bts_|site_)?(lon|lng|long|longitude|longitud|longitudine|langengrad|lange"
    r"|dolgota|dovgota|dlugosc)$"
)


def _own_number(facts: dict[str, str], region: str | None, served: str | None) -> Any:
    """Where a subscriber's own CDR gives the subscriber's number: the served-number
    column, else a fact above the header ("Subscriber;+380671234567"); None if neither."""
    if served is not None:
        return served
    own = next(
        (
            k
            for k, v in facts.items()
            if not k.startswith("title") and _share([v], lambda x: _phone_any(x, region)) == 1
        ),
        None,
    )
    return None if own is None else {"fact": own}


def _subscriber_cdr(
    draft: _Draft, info: dict[str, dict[str, Any]], own: Any, parties: list[str]
) -> tuple[str, str] | None:
    """One subscriber's CDR: its number above the header or in a served-number column,
    the other party's number in a column, dates, and often a column saying IN or OUT. The
    slots are ``subscriber`` and ``other_party``; returns the link ends."""
    times = [c for c, i in info.items() if i["field"] == "time"]
    if len(parties) != 1 or own is None or not times:
        return None
    draft.slot("subscriber", "phone")["fields"]["phone"] = own
    draft.slot("other_party", "phone")["fields"]["phone"] = parties[0]
    draft.used |= {parties[0]} | ({own} if isinstance(own, str) else set())
    return "subscriber", "other_party"


def _direction_column(info: dict[str, dict[str, Any]]) -> str | None:
    """The column whose values say which way each call went ("IN"/"OUT", "Вхідний",
    "MTC"); in a record-type column, its calls and messages do ("MOC"/"MTC",
    "SMS-MO"/"SMS-MT"), its data sessions and location updates go no way."""
    for c, i in info.items():
        own = i["values"] and i["field"] not in ("phone", "time", "name")
        if own and _share(_contact_values(i["values"]), normalize.call_direction) >= 0.8:
            return c
    return None


def _contact_values(values: list[str]) -> list[str]:
    """The values of a record-type column that are a call or a message ("MOC", "SMS-MT"),
    the ones that can say which way; all the values of any other column."""
    contacts = [v for v in values if _record_kind(v) in ("voice", "sms")]
    return contacts or values


def _record_kind(value: str) -> str | None:
    """``voice``, ``sms`` or ``data`` for a CDR record type; None for any other value."""
    try:
        return normalize.record_type(value)
    except ValueError:
        return None


def _record_type_column(info: dict[str, dict[str, Any]]) -> str | None:
    """The column whose values say what each row records: a call, a message or a data
    session ("MOC", "SMS-MT", "GPRS", "Голос")."""
    for c, i in info.items():
        own = i["values"] and i["field"] not in ("phone", "time", "name")
        if own and (
            _share(i["values"], normalize.record_type) >= 0.8
            or record_types_with_directions(i["values"])  # "MO", "MT", "SMS"
        ):
            return c
    return None


def _call_attrs(draft: _Draft, info: dict[str, dict[str, Any]]) -> dict[str, str]:
    """The call's own columns left: duration, cell, the cell's latitude and longitude, and a
    type column that is no record type the links can read."""
    attrs = {}
    for c, i in info.items():
        if c in draft.used:
            continue
        key = i["key"]
        if i["field"] in ("duration", "cell"):
            name = i["field"]
        elif re.fullmatch(r"tip|typ|type|call_type", key):
            name = "call_type"
        elif _LATITUDE.match(key):
            name = "lat"
        elif _LONGITUDE.match(key):
            name = "lon"
        else:
            continue
        if name not in attrs:
            attrs[name] = c
            draft.used.add(c)
    return attrs


def _devices(draft: _Draft, info: dict[str, dict[str, Any]]) -> dict[str, str]:
    """The IMEI, IMSI (ICCID, ...) columns: the served line's handset and SIM card."""
    out = {}
    for c, i in info.items():
        if c not in draft.used and (m := _DEVICE.search(i["key"])) and m[1] not in out:
            out[m[1]] = c
            draft.used.add(c)
    return out


def _cdr(
    draft: _Draft,
    info: dict[str, dict[str, Any]],
    facts: dict[str, str] | None = None,
    region: str | None = None,
) -> bool:
    """Call-detail records: a ``called`` link per row, A -> B, or, in one subscriber's
    CDR, subscriber <-> other party by the row's direction; the subscriber's name and
    handset go to the served line, the callers' and callees' names to their numbers."""
    phones = [c for c, i in info.items() if i["field"] == "phone" and not i["split"]]
    served = next(
        (c for c in phones if re.search(_SERVED, info[c]["key"]) and not info[c].get("call_end")),
        None,
    )  # "Target" beside "Source" is a call's end, not the intercepted line
    parties = [c for c in phones if c != served]
    # the ends that only a pair of headers names ("Von"/"An", "De"/"Para"), else each by
    # its own header ("Caller", "B Number")
    sides = {info[c]["call_end"]: c for c in parties if info[c].get("call_end")}
    caller = sides.get("caller") or next(
        (c for c in parties if re.search(_CALLER, info[c]["key"])), None
    )
    callee = sides.get("callee") or next(
        (c for c in parties if c != caller and re.search(_CALLEE, info[c]["key"])), None
    )
    link: dict[str, Any] = {}
    if caller is not None and callee is not None:
        ends, own_slot = ("caller", "callee"), None
        draft.slot("caller", "phone")["fields"]["phone"] = caller
        draft.slot("callee", "phone")["fields"]["phone"] = callee
        draft.used |= {caller, callee}
        if served is not None:
            own_slot = "served"
            draft.slot("served", "phone")["fields"]["phone"] = served
            draft.used.add(served)
            for c in parties:
                if c not in (caller, callee):
                    draft.notes.append(
                        f"# {c}: another column of numbers, left out (the A and B numbers"
                        " give each call's ends)"
                    )
                    draft.used.add(c)
    else:
        found = _subscriber_cdr(draft, info, _own_number(facts or {}, region, served), parties)
        if found is None:
            return False
        ends, own_slot = found, "subscriber"
        if (way := _direction_column(info)) is not None:
            link["direction"] = "incoming"
            link["incoming"] = way
            draft.used.add(way)
        else:
            draft.notes.append(
                "# WARNING: no column says which way each call went: every row reads"
                " subscriber -> other party; add `direction: incoming, incoming: COLUMN`"
            )
    times = [c for c, i in info.items() if i["field"] == "time"]
    if times:
        link["time"] = _time_columns(info, times)
        draft.used |= set(times)
    if (kind := _record_type_column(info)) is not None:
        link["record_type"] = kind
        draft.used.add(kind)
    if attrs := _call_attrs(draft, info) | place_attrs(info, draft.used):
        link["attrs"] = attrs  # the cell site's name or address too: a place, no person
    devices = _devices(draft, info)
    if own_slot is not None:
        draft.entities[own_slot]["fields"].update(devices)
    elif devices:
        link.setdefault("attrs", {}).update(devices)
    draft.link("called", ends[0], ends[1], **link)
    _cdr_names(draft, info, own_slot)
    return True


#: A message's text column ("Body", "Message", "SMS text", "Nachricht", "Текст", "Mesaj").
_MESSAGE_TEXT = re.compile(
    r"^(body|message|message_body|message_text|messages|text|sms|sms_text|content|nachricht"
    r"|nachrichtentext|mesaj|continut|tekst|tekst_soobshcheniia|tekst_povidomlennia"
    r"|soobshchenie|povidomlennia|wiadomosc|tresc|texto|mensaje|mensagem|messaggio|testo)$"
)
#: A sheet of messages, by its name: "SMS", "Chats", "Messages", "Nachrichten", "Чаты".
_MESSAGE_SHEET = re.compile(
    r"sms|mms|chat|message|messenger|nachricht|mesaj|wiadomos|soobshch|povidom|imessage"
)


def _as_messages(draft: _Draft, info: dict[str, dict[str, Any]], sheet: str | None) -> None:
    """A call-record draft whose rows are messages (a message-text column, or a sheet
    named "SMS", "Chats", ...): its ``called`` link becomes ``messaged`` (a record-type
    column, which tells calls from messages row by row, is left to do that), with the
    text kept on the link as ``message``, and its ends named sender and recipient."""
    link = next((lk for lk in draft.links if lk["kind"] == "called"), None)
    if link is None or "record_type" in link:
        return
    text = next(
        (c for c, i in info.items() if c not in draft.used and _MESSAGE_TEXT.match(i["key"])),
        None,
    )
    if text is None and not _MESSAGE_SHEET.search(_words(sheet or "")):
        return
    link["kind"] = "messaged"
    attrs = link.pop("attrs", {})
    attrs.pop("duration", None)
    if text is not None:
        attrs["message"] = text
        draft.used.add(text)
    if attrs:
        link["attrs"] = attrs
    _rename_slots(draft, {"caller": "sender", "callee": "recipient"})


def _rename_slots(draft: _Draft, names: dict[str, str]) -> None:
    """The draft's slots renamed (``names``: old -> new), in its links too; a slot whose
    new name is taken keeps its own."""
    names = {a: b for a, b in names.items() if a in draft.entities and b not in draft.entities}
    draft.entities = {names.get(k, k): v for k, v in draft.entities.items()}
    for lk in draft.links:
        lk["src"], lk["dst"] = names.get(lk["src"], lk["src"]), names.get(lk["dst"], lk["dst"])


def _cdr_names(draft: _Draft, info: dict[str, dict[str, Any]], own_slot: str | None) -> None:
    """The CDR's name columns as persons using their numbers: a caller's or callee's name
    ("Subscriber A", "Abonat apelant") theirs, the other party's its, and a name that
    names no side the served line's subscriber (the A number's where there is none)."""
    for c, i in info.items():
        if i["field"] != "name" or c in draft.used:
            continue
        key = i["key"]
        if own_slot == "subscriber":
            side = "other_party" if re.search(_OTHER_PARTY, key) else "subscriber"
            slot = f"{side}_person"
        elif re.search(_CALLER, key) or (own_slot is None and not re.search(_CALLEE, key)):
            side, slot = "caller", "caller_subscriber"
        elif re.search(_CALLEE, key):
            side, slot = "callee", "callee_subscriber"
        else:
            side, slot = "served", "subscriber"
        if slot in draft.entities:
            continue
        draft.slot(slot, "person")["fields"]["name"] = c
        draft.used.add(c)
        draft.link("uses_phone", slot, side)


def _is_iban(value: str) -> bool:
    try:
        out = normalize.account(value)
    except ValueError:
        return False
    return bool(out and re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]{10,30}", out))


#: A payment's party: a person, or an organisation where its name carries a legal form
#: (``type: [person, organisation]``; YAML writes the tuple as a list).
_PARTY = ("person", "organisation")


def _money(draft: _Draft, info: dict[str, dict[str, Any]], facts: dict[str, str]) -> bool:
    accounts = [c for c, i in info.items() if i["field"] == "account"]
    if not accounts or own_account_column(info) is not None:
        return False  # one account on every row: the statement's own (one_account_statement)
    amount = next((c for c, i in info.items() if i["field"] == "amount"), None)
    debit = next((c for c, i in info.items() if i["field"] == "debit"), None)
    credit = next((c for c, i in info.items() if i["field"] == "credit"), None)
    if amount is None and debit is None:
        return False
    currency = next((c for c, i in info.items() if i["field"] == "currency"), None)
    times = [c for c, i in info.items() if i["field"] == "time"]
    reference = next((c for c, i in info.items() if i["field"] == "reference"), None)
    link: dict[str, Any] = {}
    if times:
        link["time"] = times[0]
    if currency:
        link["currency"] = currency
    if (of_amounts := currency_field(info, facts, [amount, debit, credit])) != currency:
        link["currency"] = of_amounts  # "Amount (EUR)" beside a mostly empty currency column
    extras = _payment_extras(
        info, {c for c in (amount, debit, credit, currency, reference) if c} | set(times[:1])
    )
    extras = {k: v for k, v in extras.items() if k in ("transfer_id", "fee", "network")}
    if reference or extras:
        link["attrs"] = {**({"reference": reference} if reference else {}), **extras}
    names = [c for c, i in info.items() if i["field"] == "name"]
    sender = next((c for c in accounts if re.search(_SENDER, info[c]["key"])), None)
    receiver = next(
        (c for c in accounts if c != sender and re.search(_RECEIVER, info[c]["key"])), None
    )
    if sender and receiver:
        if times:  # a date and a clock column joined ("Date", "Time")
            link["time"] = _time_columns(info, times)
        used = {sender, receiver, *names, amount, *times, *link.get("attrs", {}).values()}
        used |= {c for c in (currency, reference, debit, credit) if c}
        if others := _all_other_columns(info, used):
            link["attrs"] = {**link.get("attrs", {}), **others}  # labels: Is_laundering
        draft.slot("from_account", "account")["fields"]["account"] = sender
        draft.slot("to_account", "account")["fields"]["account"] = receiver
        draft.link("paid", "from_account", "to_account", amount=amount, **link)
        for c in names:
            side = "to" if re.search(_RECEIVER, info[c]["key"]) else "from"
            draft.slot(f"{side}_holder", list(_PARTY))["fields"]["name"] = c
            draft.link("holds_account", f"{side}_holder", f"{side}_account")
        _pay_holders_otherwise(draft, "from_holder", "to_holder")
        return True
    # A statement of one account: the account (and its holder) is in the preamble, or,
    # in a statement exported without it (Debit and Credit beside the counterparty's
    # IBAN), a constant that stands for the file's own account.
    own_key, holder_key = _own_account_facts(facts)
    one_side = debit is not None or _both_signs(info[amount]["values"] if amount else [])
    # A bank's CSV of one account whose every row repeats it (Sparkasse's "Auftragskonto"
    # beside the counterparty's "Kontonummer/IBAN" and a signed "Betrag")
    own_column = _repeated_account(info, accounts) if own_key is None and one_side else None
    if own_column is not None:
        accounts = [c for c in accounts if c != own_column]
    elif own_key is None and (not one_side or len(accounts) != 1):
        return _payer_to_account(draft, info, accounts, names, amount, link)
    if not currency and (currency_key := _currency_fact(facts)):
        link["currency"] = {"fact": currency_key}  # "Currency,RON" above the header
    own: dict[str, str] | str = (
        {"fact": own_key}
        if own_key
        else own_column or {"value": _own_account(draft, debit is not None)}
    )
    draft.slot("account", "account")["fields"]["account"] = own
    draft.slot("counterparty_account", "account")["fields"]["account"] = accounts[0]
    if holder_key is not None:
        draft.slot("holder", list(_PARTY))["fields"]["name"] = {"fact": holder_key}
        draft.link("holds_account", "holder", "account")
    # Wise names the payer and the payee beside the payee's account (suggest_statements)
    by_side = payer_and_payee(draft, info, names, accounts[0], _SENDER, _RECEIVER)
    if names and not by_side:
        draft.slot("counterparty", list(_PARTY))["fields"]["name"] = names[0]
        draft.link("holds_account", "counterparty", "counterparty_account")
    if debit is not None:
        draft.link(
            "paid",
            "account",
            "counterparty_account",
            direction="debit",
            debit=debit,
            **({"amount": credit} if credit else {}),
            **link,
        )
    else:
        draft.link(
            "paid", "account", "counterparty_account", direction="sign", amount=amount, **link
        )
    _pay_holders_otherwise(draft, "holder", "counterparty")
    pay_payer_otherwise(draft)
    return True


def _repeated_account(info: dict[str, dict[str, Any]], accounts: list[str]) -> str | None:
    """Of a row's two account columns, the one that holds a single account in every row
    while the other varies: the statement's own account, its rows its transactions."""
    if len(accounts) != 2:
        return None
    distinct = {
        c: {v.strip().upper() for v in info[c]["values"] if v and v.strip()} for c in accounts
    }
    one = [c for c in accounts if len(distinct[c]) == 1 and len(info[c]["values"]) >= 2]
    if len(one) != 1:
        return None
    other = next(c for c in accounts if c != one[0])
    return one[0] if len(distinct[other]) > 1 else None


def _payer_to_account(
    draft: _Draft,
    info: dict[str, dict[str, Any]],
    accounts: list[str],
    names: list[str],
    amount: str | None,
    link: dict[str, Any],
) -> bool:
    """A list of transfers that names the payer but only the payee's account ("Sender
    name, Beneficiary IBAN, Amount, Date"): each row a `paid` link from the payer to that
    account (the payer's own account is not in the file). False for any other file."""
    if len(accounts) != 1 or amount is None or re.search(_SENDER, info[accounts[0]]["key"]):
        return False
    payer = next((c for c in names if re.search(_SENDER, info[c]["key"])), None)
    if payer is None:
        return False
    draft.slot("payer", list(_PARTY))["fields"]["name"] = payer
    draft.slot("to_account", "account")["fields"]["account"] = accounts[0]
    payee = next((c for c in names if c != payer and re.search(_RECEIVER, info[c]["key"])), None)
    if payee is not None:
        draft.slot("payee", list(_PARTY))["fields"]["name"] = payee
        draft.link("holds_account", "payee", "to_account")
    draft.link("paid", "payer", "to_account", amount=amount, **link)
    draft.notes += [
        f"# {payer} pays into {accounts[0]}; the payer's own account is not in the file."
    ]
    return True


def _both_signs(values: list[str]) -> bool:
    """Whether a column of amounts holds money out and money in (``-150,00`` beside
    ``2.300,50``; ``(1,234.56)`` for a negative): the amounts of one account's statement,
    not of transfers between two parties.

    Examples:
        >>> _both_signs(["-150,00", "2.300,50"]), _both_signs(["150", "(20.00)"])
        (True, True)
        >>> _both_signs(["150", "20.00"]), _both_signs(["-1", "-2"])
        (False, False)
    """
    marks = [v.strip() for v in values if v and v.strip()]
    out = [v.startswith(("-", "(", "\u2212")) or v.endswith("-") for v in marks]
    return any(out) and not all(out)


def _own_account(draft: _Draft, debit: bool = True) -> str:
    """The constant that stands for the account of a statement that names none
    (``STATEMENT:bank_export:1a2b3c4d``, one account for the whole file, named after it
    and the first digits of its SHA-256, so that another bank's ``bank_export.csv`` is
    another account), with a note saying so
    and how the direction is read (a ``debit`` column, else the amount's sign)."""
    own = f"STATEMENT:{Path(draft.source).stem or 'file'}" + (
        f":{draft.source_digest}" if draft.source_digest else ""
    )
    draft.notes += [
        "# The file names no account of its own (no IBAN above the header): `account` is",
        f"# the statement's account, one for the whole file ({own});",
        "# put its IBAN there if you know it. "
        + (
            "Debit: money out (account -> counterparty);\n# Credit: money in."
            if debit
            else "A negative amount: money out (account ->\n# counterparty); a positive one:"
            " money in."
        ),
    ]
    return own


#: A preamble's key that names the statement's holder, not the account: "Account
#: holder", "Kontoinhaber", "Titular cont", "Titulaire", "Titolare", "Intestatario",
#: "Posiadacz", "Właściciel", "Imię i nazwisko", "Власник рахунку", "Владелец", "ПІБ",
#: "Клієнт", Turkish "Hesap Sahibi", "Müşteri", "Ad Soyad", "Ünvan", Greek "Δικαιούχος",
#: "Κάτοχος", "Ονοματεπώνυμο", Bulgarian "Титуляр", Hungarian "Számlatulajdonos", Czech
#: "Majitel účtu", Lithuanian "Savininkas", Vietnamese "Chủ tài khoản".
_HOLDER_WORDS = (
    r"holder|inhaber|owner|vlasnik|vlasnyk|vladelets|name|client|klient|kunde|titular"
    r"|titulaire|titolare|tituliar|wlasciciel|posiadacz|(^|_)imie($|_)|intestatari"
    r"|rekeninghouder|^nom$|nombre|^nume($|_)|(^|_)(pib|fio)($|_)|sahibi|musteri"
    r"|(^|_)ad(i)?_soyad|unvan|dikaioukh|katokh|onomatepon|tulajdonos|majitel|savinink"
    r"|chu_tai_khoan"
)


def _own_account_facts(facts: dict[str, str]) -> tuple[str | None, str | None]:
    """The preamble's keys of a statement's own account (an IBAN, else a key of account
    words: "IBAN", "Account", "Konto") and of its holder ("Account Holder", "Name")."""
    own_key = next((k for k, v in facts.items() if _is_iban(v)), None) or next(
        (
            k
            for k in facts
            if re.search(_FIELD_WORDS_OF["account"], _words(k))
            and not re.search(_HOLDER_WORDS, _words(k))
        ),
        None,
    )
    if own_key is None:
        return None, None
    holder_key = next(
        (k for k in facts if k != own_key and re.search(_HOLDER_WORDS, _words(k))), None
    )
    return own_key, holder_key


def _currency_fact(facts: dict[str, str]) -> str | None:
    """The preamble's key whose value is the statement's currency ("Currency,RON",
    "Währung: EUR"): an ISO 4217 code under a currency word."""
    return next(
        (
            k
            for k, v in facts.items()
            if re.search(_FIELD_WORDS_OF["currency"], _words(k)) and _currency_code(v.strip())
        ),
        None,
    )


def _statement_text(draft: _Draft, info: dict[str, dict[str, Any]], facts: dict[str, str]) -> bool:
    """A bank statement whose counterparty is written only in its description ("TRANSFER
    TO ION RUSU RO49..."; columns Date, Description, Debit, Credit, Balance) and whose own
    account is in the preamble ("IBAN,RO49..."): each row is a `paid` link between the
    holder's account and the IBAN found in the description (``split: find``), by the
    Debit column's direction (money out: holder -> counterparty); the name beside that
    IBAN is its holder. Rows whose description names no IBAN (a fee, a card payment, a
    cash withdrawal) are `no_counterparty` rejects with their amount."""
    if any(i["field"] == "account" for i in info.values()):
        return False
    debit = next((c for c, i in info.items() if i["field"] == "debit"), None)
    amount = next((c for c, i in info.items() if i["field"] == "amount"), None)
    own_key, holder_key = _own_account_facts(facts)
    texts = [c for c, i in info.items() if i["field"] in (None, "reference") and i["values"]]
    with_iban = [
        c for c in texts if any(normalize.found_in_text(v, "account") for v in info[c]["values"])
    ]
    text = next(iter(with_iban), None) or (
        next((c for c in texts if info[c]["field"] == "reference"), None) if debit else None
    )
    if own_key is None or text is None or (debit is None and amount is None):
        return False
    credit = next((c for c, i in info.items() if i["field"] == "credit"), None)
    currency = next((c for c, i in info.items() if i["field"] == "currency"), None)
    times = [c for c, i in info.items() if i["field"] == "time"]
    link: dict[str, Any] = (
        {"direction": "debit", "debit": debit, **({"amount": credit} if credit else {})}
        if debit
        else {"direction": "sign", "amount": amount}
    )
    if (of_amounts := currency_field(info, facts, [debit, credit, amount])) is not None:
        link["currency"] = of_amounts  # a column, or "Valuta: RON" above the header
    if times:
        link["time"] = _time_columns(info, times)
    used = {text, *times} | {c for c in (debit, credit, amount, currency) if c}
    attrs = {"description": text} | {
        i["key"]: c
        for c, i in info.items()
        if i["field"] in (None, "id", "reference") and c not in used and i["values"]
        and not re.search(_BALANCE, i["key"])
    }  # fmt: skip
    link["attrs"] = attrs
    draft.slot("account", "account")["fields"]["account"] = {"fact": own_key}
    if holder_key is not None:
        draft.slot("holder", list(_PARTY))["fields"]["name"] = {"fact": holder_key}
        draft.link("holds_account", "holder", "account")
    draft.slot("counterparty_account", "account", split="find")["fields"]["account"] = text
    if any(normalize.found_in_text(v, "name") for v in with_iban and info[text]["values"]):
        draft.slot("counterparty", list(_PARTY), split="find")["fields"]["name"] = text
        draft.link("holds_account", "counterparty", "counterparty_account")
    draft.link("paid", "account", "counterparty_account", **link)
    _pay_holders_otherwise(draft, "holder", "counterparty")
    draft.notes += [
        f"# A statement of the account {{fact: {own_key}}}: each row pays, or is paid by, the",
        f"# IBAN written in {text} (split: find), the name beside it its holder"
        + (f"; {debit}: money out." if debit else "; a negative amount: money out."),
        "# Rows whose text names no IBAN (a fee, a card payment, cash) are no_counterparty",
        "# rejects with their amount.",
    ]
    draft.used |= used | set(attrs.values())
    return True


def _named_statement(draft: _Draft, info: dict[str, dict[str, Any]], facts: dict[str, str]) -> bool:
    """A statement of one account that names each row's counterparty but no account
    (Monzo's export: Name, Amount of both signs, Date, Time): each row a `paid` link
    between the statement's account (the preamble's, else a constant for the file's) and
    the named party, by the amount's sign. False for any other file."""
    if any(i["field"] == "account" for i in info.values()):
        return False
    amount = next((c for c, i in info.items() if i["field"] == "amount"), None)
    names = [c for c, i in info.items() if i["field"] == "name"]
    times = [c for c, i in info.items() if i["field"] == "time"]
    if amount is None or len(names) != 1 or not times:
        return False
    if not _both_signs(info[amount]["values"]):
        return False
    own_key, holder_key = _own_account_facts(facts)
    own = {"fact": own_key} if own_key else {"value": _own_account(draft, False)}
    draft.slot("account", "account")["fields"]["account"] = own
    if holder_key is not None:
        draft.slot("holder", list(_PARTY))["fields"]["name"] = {"fact": holder_key}
        draft.link("holds_account", "holder", "account")
    draft.slot("counterparty", list(_PARTY))["fields"]["name"] = names[0]
    link: dict[str, Any] = {
        "direction": "sign",
        "amount": amount,
        "time": _time_columns(info, times),
    }
    currency = next((c for c, i in info.items() if i["field"] == "currency"), None)
    if currency:
        link["currency"] = currency
    elif currency_key := _currency_fact(facts):
        link["currency"] = {"fact": currency_key}
    used = {amount, names[0], *times} | ({currency} if currency else set())
    attrs = {
        i["key"]: c
        for c, i in info.items()
        if i["field"] in (None, "id", "reference") and c not in used and i["values"]
        and not re.search(_BALANCE, i["key"])
    }  # fmt: skip
    if attrs:
        link["attrs"] = attrs
    draft.link("paid", "account", "counterparty", **link)
    draft.used |= used | set(attrs.values())
    return True


#: A transaction table's payer side and payee side by a column's words (camelCase split:
#: "nameOrig", "sourceNodeId"): AMLSim's ACCOUNT_ID beside COUNTER_PARTY_ACCOUNT_NUM,
#: PaySim's nameOrig/nameDest, SAML-D's Sender_account/Receiver_account, an edge list's
#: sourceNodeId/targetNodeId, AMLworld's From Bank + Account / To Bank + Account.
_PAYER_SIDE = rf"{_SENDER}|(^|_)(orig|origin|source|src)($|_)"
_PAYEE_SIDE_WORDS = (
    rf"{_RECEIVER}|(^|_)(dest|destination|target|dst|bene)($|_)|counter_?party|contra"
)
#: A party column's words: it names an account, a node, a customer or a party by its id.
_PARTY_ID = (
    r"(^|_)(acc|acct|account|accounts|iban|node|nodeid|id|name|customer|cust|client|party"
    r"|wallet|num|number|no|nr|konto|cuenta|compte|conto|rekening|rachunek)($|_)"
)
#: A bank's code beside an account number ("From Bank", "bank"): the account is unique
#: only together with its bank.
_BANK = r"(^|_)bank($|_)"
#: Columns that are no party even with a side word ("Sender_bank_location", "oldbalanceOrg").
_NO_PARTY = rf"{_BANK}|location|country|city|currency|amount|balance|saldo|type|date|time"
#: Which amount and currency are the payer's when a table has both sides' ("Amount Paid",
#: "Payment Currency" beside "Amount Received", "Receiving Currency").
_PAID_WORDS = r"paid|payment|sent|send|debit|orig|out"


def _camel_key(column: str) -> str:
    """A header's words with camelCase split ("nameOrig" -> "name_orig")."""
    return _words(re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", str(column)))


def _id_like(values: list[str]) -> bool:
    """Whether most values are identifiers (a digit in them: 8000EBD30, C1231006815, 216),
    not names of persons."""
    return bool(values) and sum(any(ch.isdigit() for ch in v) for v in values) >= 0.8 * len(values)


def _side_of(key: str) -> str | None:
    if re.search(_PAYEE_SIDE_WORDS, key):
        return "payee"
    if re.search(_PAYER_SIDE, key):
        return "payer"
    return None


def _party_columns(info: dict[str, dict[str, Any]]) -> dict[str, str]:
    """The columns naming a row's payer or payee by an id: column -> side ("payer",
    "payee", or "" for an account column that names no side). An account column right
    after a bank column takes the bank's side (AMLworld's From Bank, Account)."""
    parties: dict[str, str] = {}
    previous: str | None = None
    for col, i in info.items():
        key = _camel_key(col)
        side = _side_of(key)
        party = (
            i["field"] in ("account", "name", "id", "row_number", None)
            and not i.get("step")
            and not re.search(_NO_PARTY, key)
            and (i["field"] == "account" or re.search(_PARTY_ID, key))
            and _id_like(i["values"])
        )
        if party and side is None and i["field"] == "account" and previous is not None:
            side = _side_of(_camel_key(previous)) if re.search(_BANK, _words(previous)) else None
        if party and (side or i["field"] == "account"):
            parties[col] = side or ""
        previous = col
    return parties


def _bank_of(info: dict[str, dict[str, Any]], account: str) -> str | None:
    """The bank column right before an account column ("From Bank", "bank"), else None."""
    columns = list(info)
    at = columns.index(account)
    if at == 0:
        return None
    before = columns[at - 1]
    key = _words(before)
    if re.search(_BANK, key) and not re.search(r"location|country|city|name", key):
        return before
    return None


def _preferred(columns: list[str], info: dict[str, dict[str, Any]]) -> str | None:
    """Of several amount (or currency) columns, the payer's ("Amount Paid")."""
    paid = [c for c in columns if re.search(_PAID_WORDS, _camel_key(c))]
    return (paid or columns or [None])[0]


#: The share of a type column's values that must say debit or credit for it to give the
#: direction of a table of one account per row.
_DIRECTION_SHARE = 0.8


def _money_direction_column(info: dict[str, dict[str, Any]], used: set[str]) -> str | None:
    """The column whose values say whether each row is money out or money in ("VYDAJ" /
    "PRIJEM", "D" / "C", "Debit" / "Credit")."""
    for c, i in info.items():
        if c in used or not i["values"] or i["field"] in ("amount", "time", "account"):
            continue
        if _share(i["values"], normalize.money_direction) >= _DIRECTION_SHARE:
            return c
    return None


def _transactions(draft: _Draft, info: dict[str, dict[str, Any]]) -> bool:
    """A table of transactions between accounts (AML benchmarks, bank exports): a payer's
    and a payee's account (or customer, node) id in each row and an amount: a ``paid``
    link from payer to payee with the amount, currency (the payer's, of two) and time
    (a date and a clock column joined; a simulation step stays an attribute), and every
    other column (labels such as isFraud, Is Laundering, the payment type) in its
    attrs. With one account per row and a counterparty's, a type column of debit and
    credit words gives the direction (``direction: incoming``)."""
    amounts = [c for c, i in info.items() if i["field"] == "amount"]
    if not amounts:
        return False
    parties = _party_columns(info)
    payers = [c for c, side in parties.items() if side == "payer"]
    payees = [c for c, side in parties.items() if side == "payee"]
    plain = [c for c, side in parties.items() if side == ""]
    direction: str | None = None
    if payees and not payers and plain:
        payers = plain[:1]  # ACCOUNT_ID beside COUNTER_PARTY_ACCOUNT_NUM
    if not payers or not payees:
        if payers or payees or len(plain) != 2:
            return False
        direction = _money_direction_column(info, set(plain))
        if direction is None:
            return False
        payers, payees = plain[:1], plain[1:]
    payer, payee = payers[0], payees[0]
    ends: dict[str, Any] = {}
    for end, col in (("payer", payer), ("payee", payee)):
        bank = _bank_of(info, col)
        ends[end] = col if bank is None else {"columns": [bank, col], "join": ":"}
        draft.used |= {col} | ({bank} if bank else set())
    src, dst = ("account", "counterparty_account") if direction else ("from_account", "to_account")
    draft.slot(src, "account")["fields"]["account"] = ends["payer"]
    draft.slot(dst, "account")["fields"]["account"] = ends["payee"]
    amount = _preferred(amounts, info)
    link: dict[str, Any] = {"amount": amount}
    currencies = [c for c, i in info.items() if i["field"] == "currency"]
    currency = _preferred(currencies, info)
    if currency:
        link["currency"] = currency
    times = [c for c, i in info.items() if i["field"] == "time"]
    when = _time_columns(info, times) if times else None
    if when is not None:
        link["time"] = when
    if direction:
        link["direction"] = "incoming"
        link["incoming"] = direction
    draft.used |= {c for c in (amount, direction, currency) if c}
    draft.used |= set(when["columns"] if isinstance(when, dict) else [when] if when else [])
    attrs = _all_other_columns(info, draft.used)
    if attrs:
        link["attrs"] = attrs
    draft.used |= set(attrs.values())
    draft.link("paid", src, dst, **link)
    draft.notes += _transactions_note(payer, payee, direction, info)
    return True


def _all_other_columns(info: dict[str, dict[str, Any]], used: set[str]) -> dict[str, str]:
    """Each column not used yet, by its header's words, as a link's attribute (the labels
    of a benchmark, isFraud or Is Laundering, are never dropped)."""
    attrs: dict[str, str] = {}
    for c, i in info.items():
        if c in used or not i["values"]:
            continue
        key = _camel_key(c) or "column"
        if key in ("time", "date", "amount", "currency"):
            key = f"{key}_step" if i.get("step") else f"{key}_value"
        if re.search(_TRANSFER_ID, key) and "transfer_id" not in attrs:
            key = "transfer_id"
        attrs.setdefault(key, c)
    return attrs


def _transactions_note(
    payer: str, payee: str, direction: str | None, info: dict[str, dict[str, Any]]
) -> list[str]:
    steps = [c for c, i in info.items() if i.get("step")]
    notes = (
        [
            f"# paid: each row's {payer} account pays its {payee} account, or is paid by it",
            f"# where {direction} says money came in (a credit).",
        ]
        if direction
        else [f"# paid: each row's {payer} account pays its {payee} account."]
    )
    if steps:
        notes.append(
            f"# {', '.join(steps)}: simulation steps (small whole numbers), no dates: kept"
            " as attributes, not as the time."
        )
    return notes


#: A running balance's header: no attribute of a payment.
_BALANCE = (
    r"balance|saldo|^sold$|kontostand|ostatok|zalishok|bakiye|^upoloip|^ypoloip|egyenleg"
    r"|zustatek|^stanje$"
)

#: The share of a payment export's rows whose From or To holds one value for it to be the
#: export's own account (its owner's), not a party of each row's.
_OWNER_SHARE = 0.8


def _owner_value(frame: pd.DataFrame, columns: list[str]) -> str | None:
    """The value found in (nearly) every row of ``columns`` (the account owner of an
    export of one account's payments: her e-mail is the From of what she paid and the To
    of what she received), else None."""
    cells = frame[columns].astype("string").apply(lambda s: s.str.strip().str.lower())
    filled = cells.notna().any(axis=1)
    if filled.sum() < 2:
        return None
    counts = Counter(v for row in cells[filled].head(200).itertuples(index=False) for v in
                     {x for x in row if isinstance(x, str) and x})  # fmt: skip
    if not counts:
        return None
    value, n = counts.most_common(1)[0]
    return value if n >= _OWNER_SHARE * min(int(filled.sum()), 200) else None


def _email_payments(draft: _Draft, info: dict[str, dict[str, Any]], frame: pd.DataFrame) -> bool:
    """A payment service's export of one account (PayPal: Name, From Email Address, To
    Email Address, Gross, Currency): a ``paid`` link from the From e-mail to the To
    e-mail with the amount (its absolute value: the export signs it from the owner's
    side, while From and To already say who paid whom), currency, time, transaction id
    and fee. The Name column is each row's counterparty, the From side in one row and
    the To side in the next: it uses the row's e-mail that is not the owner's (the one in
    nearly every row; a field with ``first: true`` and ``except:``), so that no
    counterparty is said to use the owner's e-mail; with no such owner, the name is an
    attribute of the paid link."""
    emails = [c for c, i in info.items() if i["field"] == "email"]
    payer = next((c for c in emails if re.search(_SENDER, info[c]["key"])), None)
    payee = next((c for c in emails if c != payer and re.search(_RECEIVER, info[c]["key"])), None)
    amount = next((c for c, i in info.items() if i["field"] == "amount"), None)
    if payer is None or payee is None or amount is None:
        return False
    currency = next((c for c, i in info.items() if i["field"] == "currency"), None)
    times = [c for c, i in info.items() if i["field"] == "time"]
    zone = _zone_column(frame)
    used = {payer, payee, amount, *times} | {c for c in (currency, zone) if c}
    link: dict[str, Any] = {"direction": "debit", "debit": amount}
    if currency:
        link["currency"] = currency
    if times:
        link["time"] = _time_columns(info, times)
    names = [c for c, i in info.items() if i["field"] == "name"]
    attrs = _payment_extras(info, used | set(names))
    attrs |= {
        i["key"]: c
        for c, i in info.items()
        if i["field"] is None
        and c not in used
        and i["values"]
        and not re.search(_BALANCE, i["key"])
    }
    owner = _owner_value(frame, [payer, payee]) if names else None
    if names and owner is None:
        attrs["counterparty"] = names[0]
    if attrs:
        link["attrs"] = attrs
    draft.slot("from_email", "email")["fields"]["email"] = payer
    draft.slot("to_email", "email")["fields"]["email"] = payee
    draft.link("paid", "from_email", "to_email", **link)
    draft.notes += [
        f"# paid: from {payer} to {payee}, whatever the sign of {amount}: the export signs",
        "# it from its owner's side, and `direction: debit` with the amount as the debit",
        "# keeps src -> dst and stores its absolute value.",
    ]
    if owner is not None:
        draft.slot("counterparty", list(_PARTY))["fields"]["name"] = names[0]
        draft.slot("counterparty_email", "email")["fields"]["email"] = {
            "columns": [payer, payee],
            "first": True,
            "except": owner,
        }
        draft.link("uses_email", "counterparty", "counterparty_email")
        draft.notes += [
            f"# counterparty ({names[0]}): each row's other party, who uses the e-mail of the",
            f"# row that is not the account owner's ({payer} or {payee}, `except:` the",
            "# e-mail in nearly every row).",
        ]
    elif names:
        draft.notes += [
            f"# counterparty ({names[0]}): each row's other party, in {payer} in one row and",
            f"# in {payee} in another, and no e-mail is the account owner's in nearly every",
            "# row to tell the sides apart: kept as an attribute of the paid link.",
        ]
    draft.used |= used | set(attrs.values())
    return True


def _mobile_money(
    draft: _Draft, info: dict[str, dict[str, Any]], facts: dict[str, str], region: str | None
) -> bool:
    """A mobile-money statement (M-Pesa: the customer's name and number above the header;
    Paid In and Withdrawn columns; the other party's number written in the Details text):
    the holder's phone pays, or is paid by, the number found in the row's text
    (``split: find``), in the direction of the column that holds the amount."""
    debit = next((c for c, i in info.items() if i["field"] == "debit"), None)
    if debit is None or any(i["field"] == "account" for i in info.values()):
        return False
    owns = {k: own for k, v in facts.items() if (own := _fact_phone(v, region))}
    own_key = next(iter(owns), None)
    if own_key is None:
        return False
    region = region or _region_of(owns[own_key])
    text = next(
        (
            c
            for c, i in info.items()
            if i["field"] in (None, "reference")
            and any(
                normalize.found_in_text(v, "phone", region)
                or normalize.names_after_numbers(v, region)  # "2547******678 AMINA W"
                for v in i["values"]
            )
        ),
        None,
    )
    if text is None:
        return False
    draft.region = region
    credit = next((c for c, i in info.items() if i["field"] == "credit"), None)
    currency = next((c for c, i in info.items() if i["field"] == "currency"), None)
    times = [c for c, i in info.items() if i["field"] == "time"]
    link: dict[str, Any] = {"direction": "debit", "debit": debit}
    if credit:
        link["amount"] = credit
    if currency:
        link["currency"] = currency
    elif region_currency := _named_or_regional_currency(facts, region):
        link["currency"] = {"value": region_currency}
        draft.notes.append(
            f"# currency: the file names none in a column; {region_currency}, the currency"
            f" of the statement's region ({region}) or the one its preamble names."
        )
    if times:
        link["time"] = _time_columns(info, times)
    used = {debit, text, *times} | {c for c in (credit, currency) if c}
    attrs = _payment_extras(info, used)
    attrs |= {
        i["key"]: c
        for c, i in info.items()
        if i["field"] in (None, "id") and c not in used and i["values"]
        and not re.search(_BALANCE, i["key"])
    }  # fmt: skip
    if attrs:
        link["attrs"] = attrs
    draft.slot("holder_phone", "phone")["fields"]["phone"] = {"fact": own_key}
    holder_key = next(
        (k for k in facts if k != own_key and re.search(r"name|holder|customer|client", _words(k))),
        None,
    )
    if holder_key is not None:
        draft.slot("holder", list(_PARTY))["fields"]["name"] = {"fact": holder_key}
        draft.link("uses_phone", "holder", "holder_phone")
    draft.slot("other_phone", "phone", split="find")["fields"]["phone"] = text
    if any(normalize.names_after_numbers(v, region) for v in info[text]["values"]):
        # "Customer Transfer to 254712345678 JOSEPH OTIENO": the name after the number
        draft.slot("other", list(_PARTY), split="find")["fields"]["name"] = text
        draft.link("uses_phone", "other", "other_phone")
        # "0722***456 - JOHN KAMAU": a masked number names no phone; JOHN KAMAU is paid
        link["otherwise"] = {"src": "holder_phone", "dst": "other"}
    draft.link("paid", "holder_phone", "other_phone", **link)
    draft.notes += [
        f"# A mobile-money statement of {own_key}: each row pays the number written in {text}",
        f"# ({debit}: money out, holder -> other; else money in), or the name written after",
        "# a masked number (2547******678 AMINA W: the person, her masked_phone kept as",
        "# written). Rows whose text names neither (a paybill) are no_counterparty rejects.",
    ]
    draft.used |= used | set(attrs.values())
    return True


def _named_or_regional_currency(facts: dict[str, str], region: str | None) -> str | None:
    """The currency of a mobile-money statement with no currency column: an ISO code or
    "Ksh" its preamble names, else the one currency of its region's country (KE: KES)."""
    words = re.findall(r"\b[A-Za-z]{3}\b", " ".join([*facts.keys(), *facts.values()]))
    named = {_SHORT_CURRENCY.get(w.lower(), w.upper()) for w in words}
    named = {c for c in named if _currency_regions(c)}
    if region and (tender := _territory_currencies().get(region.upper())):
        named_here = named & tender
        if named_here:
            return min(named_here)
        return next(iter(tender)) if len(tender) == 1 else None
    return next(iter(named)) if len(named) == 1 else None


#: Currency abbreviations printed on statements that are not their ISO code.
_SHORT_CURRENCY = {"ksh": "KES", "tsh": "TZS", "ush": "UGX"}


def _fact_phone(value: str, region: str | None) -> str | None:
    """A fact's value read as a whole phone number, else None."""
    with contextlib.suppress(ValueError, TypeError):
        return normalize.phone(value, region)
    return None


def _region_of(e164: str | None) -> str | None:
    """The country of an international number ("+254722000111": KE), else None."""
    import phonenumbers

    if not e164:
        return None
    with contextlib.suppress(phonenumbers.NumberParseException):
        return phonenumbers.region_code_for_number(phonenumbers.parse(e164)) or None
    return None


#: A fact naming who reported the file (an STR's "Reporting entity", "Meldende Stelle").
_REPORTER_FACT = (
    r"reporting_(entity|institution|bank|agent)|reported_by|reporter|^institution$"
    r"|obliged_entity|meldende|meldepflichtig|entitate_raportoare|entidad_informante"
)


def _row_amount(draft: _Draft, info: dict[str, dict[str, Any]], facts: dict[str, str]) -> None:
    """The amount column of a sheet of persons (an STR's "Amount" beside each subject) as
    the amount of the link the row is about: the report's ``reported`` link from the
    reporting entity (a fact above the header) to the row's person, else the person's
    ``involved_in`` link to the row's case, else the person's account."""
    amount = next((c for c, i in info.items() if i["field"] == "amount"), None)
    persons = [s for s, e in draft.entities.items() if e["type"] == "person" and not e.get("each")]
    if amount is None or not persons or any(link.get("amount") for link in draft.links):
        return
    extra: dict[str, Any] = {"amount": amount}
    if currency := next((c for c, i in info.items() if i["field"] == "currency"), None):
        extra["currency"] = currency
    if reference := next((c for c, i in info.items() if i["field"] == "reference"), None):
        extra["attrs"] = {_words(reference) or "reference": reference}
    reporter = next((k for k in facts if re.search(_REPORTER_FACT, _words(k))), None)
    if reporter is not None:
        draft.slot("reporting_entity", "organisation")["fields"]["name"] = {"fact": reporter}
        draft.link("reported", "reporting_entity", persons[0], **extra)
        return
    for link in draft.links:
        if link["src"] == persons[0] and link["kind"] in ("involved_in", "holds_account"):
            link.update(extra)
            return


def _payment_extras(info: dict[str, dict[str, Any]], used: set[str]) -> dict[str, str]:
    """A payment link's attributes from the row: its transfer id (an MTCN, a tx hash), its
    fee, and the other amounts and currencies (the payout's), by their header words."""
    attrs: dict[str, str] = {}
    for c, i in info.items():
        if c in used:
            continue
        key = i["key"]
        if re.search(_TRANSFER_ID, key) and "transfer_id" not in attrs:
            attrs["transfer_id"] = c
        elif re.search(_FEE, key):
            attrs.setdefault("fee", c)
        elif re.search(r"^(network|chain|blockchain)$", key):
            attrs.setdefault("network", c)  # a crypto transfer's chain (TRC20, ERC20)
        elif i["field"] in ("amount", "currency", "time"):
            attrs.setdefault(key or i["field"], c)  # the payout's amount, currency, date
    return attrs


def _transfer(
    draft: _Draft, info: dict[str, dict[str, Any]], frame: pd.DataFrame, region: str | None
) -> bool:
    """A money-transfer record (a remittance: a sender's and a receiver's name, an amount;
    no accounts): each party a person with their own phones, documents and countries, and
    a ``paid`` link from sender to receiver with the amount, currency, time, the transfer's
    id (MTCN) and fee."""
    names = [c for c, i in info.items() if i["field"] in _NAME_FIELDS]
    payees = [c for c in names if re.search(_PAYEE_SIDE, info[c]["key"])]
    payers = [c for c in names if c not in payees and re.search(_SENDER, info[c]["key"])]
    amounts = [c for c, i in info.items() if i["field"] == "amount"]
    if not (payers and payees and amounts):
        return False
    sides: dict[str, str] = {}
    for c, i in info.items():
        if re.search(_PAYEE_SIDE, i["key"]):
            sides[c] = "receiver"
        elif re.search(_SENDER, i["key"]):
            sides[c] = "sender"
    amount = next((c for c in amounts if c not in sides), amounts[0])
    link: dict[str, Any] = {"amount": amount}
    currency = next((c for c, i in info.items() if i["field"] == "currency"), None)
    if currency:
        link["currency"] = currency
    times = [c for c, i in info.items() if i["field"] == "time"]
    times = date_and_clock(info, times) if times else []  # "Send Date" + "Send Time"
    if times:
        link["time"] = times[0] if len(times) == 1 else {"columns": times, "join": " "}
    attrs = _payment_extras(info, {amount, currency, *times} - {None})
    attrs |= transfer_attrs(info, set(attrs.values()) | set(times))  # "Payout Agent"
    if attrs:
        link["attrs"] = attrs
    draft.used |= {amount, *times, *attrs.values()} | ({currency} if currency else set())
    _groups(draft, info, frame, region, sides)
    draft.link("paid", "sender", "receiver", **link)
    return "paid" in {item["kind"] for item in draft.links}


#: A payment's status column: "Status", "Transaction status", "State", "Estado", "Statut",
#: "Статус платежу", Turkish "Durum", "İşlem Durumu", Greek "Κατάσταση", Portuguese
#: "Situação", Russian "Состояние", Ukrainian "Стан", Vietnamese "Trạng thái". Only its
#: values make it one (:func:`done_status` beside another status).
_STATUS_HEADER = (
    r"(?:^|_)(?:status|state|estado|statut|stato|stare|zustand|durum|durumu|katastase"
    r"|situacao|sostoianie|stan|trang_thai)(?:$|_)"
)
#: A status that says the payment went through (the other statuses, Pending, Denied,
#: Reversed, Refunded, Canceled, Available, say it did not, or not yet), folded as
#: :func:`linkgraph.text.fold` writes it (Cyrillic and Greek in Latin letters, accents
#: left out): English (a money transfer's Paid, Paid out, Picked up, Delivered), German,
#: French, Spanish, Portuguese, Italian, Romanian ("Realizat", "Efectuată", "Plătit"),
#: Polish ("Zrealizowana", "Wykonana", "Zaksięgowana", "Wypłacona"), Russian and
#: Ukrainian ("Оплачено", "Выплачен", "Виконано", "Успішно"), Turkish ("Tamamlandı",
#: "Ödendi", "Gerçekleşti"), Greek ("Ολοκληρώθηκε", "Εκτελέστηκε"), Dutch, Vietnamese,
#: Chinese (成功, 已完成).
_DONE_STATUS = (
    r"^(?:completed?|success(?:ful)?|succeeded|settled|executed|processed|cleared|paid"
    r"|paid out|done|finished|posted|booked|picked up|collected|delivered"
    r"|abgeschlossen|erfolgreich|ausgefuhrt|bezahlt|ausgezahlt|gebucht"
    r"|terminee?|effectuee?|executee?|payee?|reussie?|reglee?"
    r"|(?:completad|realizad|ejecutad|pagad|liquidad|exitos|efetuad|concluid|pag|eseguit"
    r"|pagat|riuscit|completat|accreditat)[oa]"
    r"|(?:completat|finalizat|realizat|efectuat|executat|platit|reusit)a?"
    r"|(?:zrealizowan|wykonan|zaksiegowan|wyplacon|zakonczon|oplacon)[aey]"
    r"|(?:vypolnen|proveden|vikonan|ispolnen|oplachen|vyplachen|viplachen|splachen"
    r"|zavershen|splachen)[oa]?|uspeshno|uspishno"
    r"|tamamlandi|odendi|gerceklesti|basarili"
    r"|oloklerotheke|ektelesteke|plerotheke|ektelesmene|olokleromene"
    r"|voltooid|uitgevoerd|betaald|geslaagd"
    r"|thanh cong|hoan thanh|da thanh toan|cheng gong|(?:yi )?wan cheng)$"
)


def done_status(value: str) -> bool:
    """Whether a payment's status says it went through, in any of its languages.

    Examples:
        >>> [done_status(v) for v in ("Paid", "Realizată", "Zrealizowana", "Оплачено")]
        [True, True, True, True]
        >>> [done_status(v) for v in ("Cancelled", "Pending", "Anulată", "Available")]
        [False, False, False, False]
    """
    return re.match(_DONE_STATUS, " ".join(fold(value).lower().split())) is not None


def _status_filter(draft: _Draft, info: dict[str, dict[str, Any]], frame: pd.DataFrame) -> None:
    """For a draft of payments (a ``paid`` link) in a file with a status column whose
    values say Completed and something else (PayPal's Pending, Denied, Refunded):
    ``skip_rows_where: {column: Status, not_in: [Completed]}``, so that only payments
    that went through are paid links, and the others are rejects."""
    if not any(item["kind"] == "paid" and item.get("amount", item.get("debit")) for item in
               draft.links):  # fmt: skip
        return
    for col, i in info.items():
        if not re.search(_STATUS_HEADER, i["key"]):
            continue
        seen = frame[col].dropna().astype(str).str.strip()
        # one spelling of each status (compared case aside, as skip_rows_where does)
        seen = list({v.lower(): v for v in reversed(seen) if v}.values())[::-1]
        done = [v for v in seen if done_status(v)]
        if not done or len(done) == len(seen):
            continue
        draft.skip_rows_where = {"column": col, "not_in": done}
        others = ", ".join(v for v in seen if v not in done)
        draft.notes += [
            f"# skip_rows_where: only the {col} {' or '.join(done)} rows are payments that",
            f"# went through; the others ({others}, an empty {col}) are rejects",
            "# skipped_by_mapping, not paid links.",
        ]
        draft.used.add(col)
        return


def _pay_holders_otherwise(draft: _Draft, payer: str, payee: str) -> None:
    """With both holders drafted, the paid link links them in a row without one of
    its accounts (a cash pickup by a named agent): ``otherwise: {src: payer, dst: payee}``."""
    if payer in draft.entities and payee in draft.entities:
        for item in draft.links:
            if item["kind"] == "paid":
                item["otherwise"] = {"src": payer, "dst": payee}


_NAME_FIELDS = ("name", "given_name", "family_name")


def _repeated_blocks(info: dict[str, dict[str, Any]]) -> dict[str, int]:
    """Columns of a repeated block of titles: a sheet "Name, Phone, Name, Phone" is read
    with headers "Name, Phone, Name_2, Phone_2"; when a name column repeats so, each
    column whose title repeats belongs to the row's person whose name is the nearest to
    its left (not one name of two people joined): "Name, Phone, Phone, Name" gives the
    first person both phones. Returns column -> n for the columns of the n-th person,
    n >= 2 (``info`` is in the columns' order).

    Examples:
        >>> names = {"field": "name"}
        >>> _repeated_blocks({"Name": names, "Phone": {"field": "phone"}, "Name_2": names,
        ...                   "Phone_2": {"field": "phone"}})
        {'Name_2': 2, 'Phone_2': 2}
        >>> _repeated_blocks({"Name": names, "Phone": {"field": "phone"}, "Phone_2":
        ...                   {"field": "phone"}, "Name_2": names, "Notes": {"field": None}})
        {'Name_2': 2}
    """
    number: dict[str, int] = {}  # a repeated title's column -> its repeat (1 for the first)
    for col in info:
        m = re.fullmatch(r"(.+)_(\d+)", col)
        if m and m[1] in info:
            number[col] = int(m[2])
            number.setdefault(m[1], 1)
    if not any(n > 1 and info[c]["field"] in _NAME_FIELDS for c, n in number.items()):
        return {}
    out: dict[str, int] = {}
    person = 1
    for col in info:
        if col not in number:
            continue
        if info[col]["field"] in _NAME_FIELDS:
            person = number[col]
        if person > 1:
            out[col] = person
    return out


def _groups(
    draft: _Draft,
    info: dict[str, dict[str, Any]],
    frame: pd.DataFrame,
    region: str | None,
    sides: dict[str, str] | None = None,
) -> None:
    """Person lists, case sheets, registries, ads, API records: slots by role group
    (``sides``: column -> its party's group, a transfer's sender or receiver)."""
    groups: dict[str, dict[str, Any]] = {}  # group -> {role, each, fields: {field: [cols]}}
    order: list[str] = []

    def add(
        group: str,
        role: str | None,
        each: str | None,
        fld: str,
        col: str,
        split: str | None = None,
        where: dict[str, list[str]] | None = None,
        inner_where: dict[str, list[str]] | None = None,
    ) -> None:
        if group not in groups:
            groups[group] = {"role": role, "each": each, "fields": {}, "split": {}}
            order.append(group)
        groups[group]["fields"].setdefault(fld, []).append(col)
        if split:
            groups[group]["split"][fld] = split
        if where:
            groups[group]["where"] = where
        if inner_where:  # the items of an inner list this field's slot takes
            groups[group].setdefault("field_where", {})[fld] = inner_where

    # a case list's parties by their words ("Client ...", "Recruiter ...": suggest_parties)
    parties = find_parties(info, _nested, _person_name) if sides is None else Parties()
    sides = sides or parties.sides
    ad_col = next((c for c, i in info.items() if re.search(_AD, i["key"])), None)
    ad_col = ad_col or _ad_record_column(info)
    org_col = next((c for c, i in info.items() if i["field"] == "organisation"), None)
    blocks = _repeated_blocks(info)
    _id_sharing_of_columns(info, frame, draft.used)
    nested = nested_columns([c for c in info if _nested(c)], _words, _field_of, _role_of)
    lists = object_lists(frame, info)  # lists of objects, in some records one or a string
    for col, i in info.items():
        key, fld, role = i["key"], i["field"], i["role"]
        values = i["values"]
        if col in draft.used or not values or any(col.startswith(f"{k}.") for k in lists):
            continue  # empty in the sample (a JSON key that is null): nothing to propose
        if col in lists:
            _each_group(add, col, frame.assign(**{col: lists[col]}), region, draft.notes)
            continue
        if (
            values
            and all(v.startswith("[{") for v in values[:20] if v not in ("[]",))
            and any(v.startswith("[{") for v in values)
        ):
            _each_group(add, col, frame, region, draft.notes)
            continue
        prefix = key.split("_")[0] if _nested(col) else ""
        obj = None
        if col in nested:  # a nested object of a JSON record: "caller.name"
            owner = nested[col].owner
            prefix = "_".join(_words(p) for p in owner)
            if len(owner) == 1:
                role = role or _role_of(prefix) or ("reporter" if prefix == "caller" else None)
            else:  # "victim.mother": the mother's role is not the victim's
                role = _role_of(_words(owner[-1]))
            fld = _field_of(nested[col].rest) or fld
            parent = "_".join(_words(p) for p in owner[:-1])
            obj = {"key": _words(owner[-1]), "parent": parent, "path": ".".join(owner)}
        if col == ad_col:
            add("ad", None, None, "ad_id", col)
            continue
        if col == org_col:
            add("organisation", None, None, "org_name", col)
            continue
        if fld is None:
            name = nested[col].rest if col in nested else key
            # "Client Occupation": hers; "No HP Tersangka" (not read as a phone): the suspect's
            prefix = draft.tables.get(col) or prefix or parties.sides.get(col, "") or (role or "")
            add(prefix, role if prefix else None, None, f"attr:{name or 'column'}", col)
            if obj is not None:
                groups[prefix].setdefault("object", obj)
            continue
        group = draft.tables.get(col) or prefix or (sides or {}).get(col) or (role or "")
        if col in blocks:  # "Name_2", "Phone_2": the second person of the row
            group = f"{group or 'person'}_{blocks[col]}"
        add(group, role, None, fld, col, i["split"])
        if obj is not None:
            groups[group].setdefault("object", obj)

    for spec in groups.values():
        _name_beside_part(spec["fields"], frame)
    order.sort(key=lambda g: g != parties.client)  # the client: the row's main person
    main = _place_groups(draft, groups, order, info, ad_col, org_col)
    del main
    finish_parties(draft, parties, info)
    unread_item_keys(draft, groups)


def _name_beside_part(fields: dict[str, list[str]], frame: pd.DataFrame) -> None:
    """A group's one "Name" column read as the part of the name its other name column
    is not ("Name, Surname": the given name; "Name, Vorname": the family name), unless
    its cells are whole names (:mod:`linkgraph.ingest._name_parts`)."""
    names = fields.get("name", [])
    parts = [f for f in ("given_name", "family_name") if fields.get(f)]
    if len(names) != 1 or len(parts) != 1 or names[0] not in frame.columns:
        return
    beside = fields[parts[0]][0]
    if beside not in frame.columns:
        return
    read_as = name_part(names[0], frame[names[0]].head(1000), frame[beside].head(1000), parts[0])
    if read_as is not None:
        fields[read_as] = fields.pop("name")


#: An id column names something its rows share when at least this share of its rows
#: repeat a value, and no more rows than this hold one value on the median (more are a
#: category: an office, a district).
_SHARED_ROWS, _SHARED_MOST_ROWS = 0.2, 25
#: The share of an id's repeated values whose rows name different persons (an event: an
#: arrest, a case, an operation) or one person (the person's id) for the verdict.
_SHARED_VERDICT = 0.8
#: An identifier as a cell holds it: one token with a digit ("BPOL-2023-031921",
#: "V-2024/17", "A113"), not a plain number of a few digits (an age, a postcode, a count).
_ID_TOKEN = re.compile(r"(?=[^\s]*\d)[\w\-/.:#]{2,40}")


def _id_token(value: str) -> str | None:
    if not _ID_TOKEN.fullmatch(value):
        return None
    digits = sum(ch.isdigit() for ch in value)
    numeric = re.fullmatch(r"[\d.,]+", value) is not None
    return None if numeric and digits < 6 else value


def _id_sharing_of_columns(
    info: dict[str, dict[str, Any]], frame: pd.DataFrame, used: set[str]
) -> None:
    """How the rows share each id column (``info[col]["sharing"]``, see :func:`_id_sharing`):
    columns the header calls an id, and header-less ones whose values are identifiers (a
    "Vorgangsnummer", a "Номер провадження" in any language). A shared one that the header
    did not name becomes an id; the columns whose value is one for all rows of an id's
    value are kept as ``info[col]["shared_columns"]`` (the event's place)."""
    names = [
        c for c, i in info.items() if i["field"] in _NAME_FIELDS and not _nested(c) and c in frame
    ]
    births = [c for c, i in info.items() if i["field"] == "dob" and not _nested(c) and c in frame]
    for col, i in info.items():
        if col in used or _nested(col) or col not in frame or not i["values"]:
            continue
        if i["field"] != "id" and not (
            i["field"] is None and _share(i["values"], _id_token) >= 0.9
        ):
            continue
        sharing = _id_sharing(frame, col, names, births)
        i["sharing"] = sharing
        if sharing == "event":
            i["field"] = "id"
            i["shared_columns"] = _constant_within(frame, col, info)


def _id_sharing(
    frame: pd.DataFrame, column: str, names: list[str], births: Sequence[str] = ()
) -> str | None:
    """How the rows share an id column's values: "row" when (nearly) every row has its own
    (a record id), "event" when repeated values name different persons on their rows (co-
    arrested people sharing an arrest number), "person" when they name one person (a
    person's id on each of her records, the spellings of her name aside: where the rows
    give dates of birth (``births``), the rows of one value are different persons only when
    they were born on different days); None when the values cannot tell (no names, too
    few repeats, a value on most rows).

    Examples:
        >>> f = pd.DataFrame({"n": ["A1", "A1", "B2", "B2", "C3"],
        ...                   "name": ["Ann", "Bob", "Cid", "Dan", "Eve"],
        ...                   "dob": ["1990", "1990", "1980", "1980", "1970"]})
        >>> _id_sharing(f, "n", ["name"]), _id_sharing(f, "name", ["n"])
        ('event', 'row')
        >>> _id_sharing(f, "n", ["name"], ["dob"])
        'person'
    """
    cells = [str(v).strip() for v in frame[column].tolist() if isinstance(v, str) or pd.notna(v)]
    cells = [v for v in cells if v]
    if len(cells) < 4:
        return None
    # counted in plain Python: most columns have a value per row, and a wide file has
    # thousands of columns (pandas' per-call cost was most of `mapping suggest`'s time)
    repeated = {v: n for v, n in Counter(cells).items() if n > 1}
    if sum(repeated.values()) < _SHARED_ROWS * len(cells):
        return "row"
    if len(repeated) < 2 or np.median(list(repeated.values())) > _SHARED_MOST_ROWS or not names:
        return None
    ids = frame[column].astype("string").str.strip()
    on_repeats = (ids.notna() & ids.isin(list(repeated))).to_numpy(dtype=bool)
    group = ids[on_repeats]
    differ = ~_one_in_most(group, _row_keys(frame.loc[on_repeats, names]))
    if births:
        born = _row_keys(frame.loc[on_repeats, list(births)])
        dated = born[born != ""]
        by_birth = ~_one_in_most(group[dated.index], dated)
        differ = by_birth.reindex(differ.index).fillna(differ).astype(bool)
    if differ.mean() >= _SHARED_VERDICT:
        return "event"
    if (~differ).mean() >= _SHARED_VERDICT:
        return "person"
    return None


def _one_in_most(group: pd.Series, keys: pd.Series) -> pd.Series:
    """Per group of at least two rows: whether one key is on more than half its rows (one
    person written with a typo or two: "1845-01-01" on 12 rows, "1845-21-01" on one), not
    each row its own (two persons arrested together: two dates of birth)."""
    sizes = group.groupby(group).size()
    sizes = sizes[sizes >= 2]
    pairs = pd.DataFrame({"group": group, "key": keys}).value_counts()
    modal = pairs.groupby(level="group").max().reindex(sizes.index)
    return modal > sizes / 2


def _row_keys(cells: pd.DataFrame) -> pd.Series:
    """Each row's cells as one comparable text (trimmed, case folded; empty for none)."""
    folded = cells.astype("string").fillna("").apply(lambda c: c.str.strip().str.casefold())
    return folded.agg("\x1f".join, axis=1).str.strip("\x1f")


def _constant_within(
    frame: pd.DataFrame, column: str, info: dict[str, dict[str, Any]]
) -> list[str]:
    """The columns that hold one value on all rows of each repeated value of ``column``
    (and more than one value in the file): what the rows of one event share."""
    ids = frame[column].astype("string").str.strip()
    counts = ids.value_counts()
    on_repeats = ids.isin(counts[counts > 1].index)
    out = []
    for col in info:
        if col == column or col not in frame:
            continue
        values = frame.loc[on_repeats, col].astype("string").str.strip()
        if values.isna().all() or values.nunique() < 2:
            continue
        if (values.groupby(ids[on_repeats]).nunique(dropna=False) == 1).mean() >= _SHARED_VERDICT:
            out.append(col)
    return out


def _nested(column: str) -> bool:
    """Whether a column is a key of a JSON record's nested object ("caller.name"), not a
    header with an abbreviation's dot ("Pass-Nr.", "Receipt No.", "D.O.B.").

    Examples:
        >>> _nested("caller.name"), _nested("Pass-Nr."), _nested("D.O.B."), _nested("St. Ort")
        (True, False, False, False)
        >>> _nested("Geb.-Datum")
        False
    """
    return re.match(r"[^.\s]{2,}\.\w[^.\s]+", column) is not None


def _each_group(
    add: Any, col: str, frame: pd.DataFrame, region: str | None, notes: list[str]
) -> None:
    """A column of lists of objects (JSON "victims": [{name, phone}]): one slot per item.
    A key whose values are mostly objects or lists of objects (a suspect's "phones":
    [{number}]) is read through for the identifiers inside (``phones.number``, see
    :func:`_inner_identifiers`), else left out with a note; one such value among plain
    ones (a victim's name written as an object) is that value's reject, its key still
    read."""
    role = _role_of(_words(col))
    items: list[dict[str, Any]] = []
    for cell in frame[col].dropna().tolist()[:200]:
        with contextlib.suppress(json.JSONDecodeError, TypeError):
            items += [x for x in json.loads(cell) if isinstance(x, dict)]
    keys: list[str] = []
    for item in items:
        keys += [k for k in item if k not in keys]
    group = _words(col).rstrip("s") or "item"
    if _typed_items(add, col, group, items, keys, region):
        return
    for k in keys:
        kw = _words(k)
        values = [item[k] for item in items if item.get(k) not in (None, "", [])]
        if 2 * sum(_holds_objects(v) for v in values) > len(values):
            typed = _inner_typed(values, k, region)
            for fld, key, where in typed:
                add(group, role, col, fld, key, inner_where=where)
            if typed:
                notes += [
                    f"# {col}[].{k}: typed values, each slot taking its type's items"
                    " ("
                    + "; ".join(
                        f"{fld}: {key} where {tk} is {_where_text(ts)}"
                        for fld, key, w in typed
                        for tk, ts in w.items()
                    )
                    + ")."
                ]
                continue
            read = _inner_identifiers(values, k, region)
            for fld, key in read:
                add(group, role, col, fld, key)
            if read:
                notes += [
                    f"# {col}[].{k}: read through the objects inside it"
                    f" ({', '.join(key for _, key in read)})."
                ]
                continue
            notes += [
                f"# {col}[].{k}: objects inside the objects of {col}, with no phone, e-mail,",
                "# account or document: left out (a field may name a key inside them,",
                f"# `{k}.KEY`: one value per object)",
            ]
            continue
        if re.search(r"alias|aka|nickname|spitzname|klichka|prizvisk", kw):
            add(f"{group}_alias", None, col, "alias", k)
            continue
        fld = _field_of(kw)
        if fld not in (
            "name",
            "given_name",
            "family_name",
            "dob",
            "phone",
            "email",
            "account",
            "document",
            "nationality",
            "country",
            "city",
            "sex",
        ):
            plain = [str(v) for v in values if not isinstance(v, list | dict)]
            if values and _share(plain, lambda v: _phone_any(v, region)) >= 0.8:
                fld = "phone"
            elif values and _share(plain, normalize.email) >= 0.8:
                fld = "email"  # "emails": [{"address": "ana@example.com"}]
            else:
                add(group, role, col, f"attr:{kw}", k)
                continue
        add(group, role, col, fld, k)


#: Identifier fields a key inside a list of objects inside an ``each`` item may hold (a
#: suspect's ``"phones": [{"number": ...}]``): read through, one mention per object.
_INNER_FIELDS = ("phone", "email", "account", "document")


def _identifier_of_values(values: list[str], region: str | None) -> str | None:
    """The identifier field that most (80%) of ``values`` are: e-mail addresses, IBANs
    or phone numbers (in ``region``, or international); None for any other values."""
    if _share(values, normalize.email) >= 0.8:
        return "email"
    if _share(values, lambda v: _is_iban(v) or None) >= 0.8:
        return "account"
    if _share(values, lambda v: _phone_any(v, region)) >= 0.8:
        return "phone"
    return None


def _inner_identifiers(values: list[Any], key: str, region: str | None) -> list[tuple[str, str]]:
    """The identifiers held by the objects of the lists ``values`` (the values of the
    ``each`` items' ``key``), as ``(field, "key.inner")``: an inner key named as one
    (``number`` under ``phones`` is a phone, ``iban``) or whose values are phone numbers,
    e-mail addresses or IBANs; at most one key per field, the first.

    Examples:
        >>> _inner_identifiers([[{"number": "+40 722 111 222", "type": "mobile"}]],
        ...                    "phones", None)
        [('phone', 'phones.number')]
    """
    from linkgraph.ingest.readers import _flatten

    inner: dict[str, list[str]] = {}
    for value in values:
        for obj in value if isinstance(value, list) else [value]:
            if isinstance(obj, dict):
                for ik, iv in _flatten(obj).items():
                    if iv not in (None, "") and not isinstance(iv, list | dict):
                        inner.setdefault(ik, []).append(str(iv))
    found: dict[str, str] = {}
    for ik, ivs in inner.items():
        fld = _field_of(_words(ik))
        if fld not in _INNER_FIELDS:
            fld = _identifier_of_values(ivs, region)
            if fld is None:
                continue
        found.setdefault(fld, f"{key}.{ik}")
    return list(found.items())


def _inner_typed(
    values: list[Any], key: str, region: str | None
) -> list[tuple[str, str, dict[str, list[str]]]]:
    """The identifiers of typed values in the lists ``values`` (the ``each`` items'
    ``key``: a person's ``"contacts": [{type: phone, value: ...}, {type: email, ...}]``),
    as ``(field, "key.value", {"key.type": types})``: one slot per kind of identifier
    the values of each type are, taking only its types' items (``where:``), so that an
    e-mail is never read as a phone; the phones every type but those with a reason to be
    none (:func:`_typed_kinds`). Empty when the objects are not typed values.

    Examples:
        >>> _inner_typed([[{"type": "phone", "value": "+40 722 111 222"},
        ...                {"type": "email", "value": "a@example.md"}]], "contacts", None)
        [('phone', 'contacts.value', {'contacts.type': {'not': ['email']}}), \
('email', 'contacts.value', {'contacts.type': ['email']})]
    """
    objects = [
        obj
        for value in values
        for obj in (value if isinstance(value, list) else [value])
        if isinstance(obj, dict)
    ]
    keys: list[str] = []
    for obj in objects:
        keys += [k for k in obj if k not in keys]
    tkey = next((k for k in keys if _TYPE_KEY.match(_words(k))), None)
    vkey = next((k for k in keys if _VALUE_KEY.match(_words(k))), None)
    if tkey is None or vkey is None:
        return []
    kinds = _typed_kinds(objects, tkey, vkey, region)
    return [(fld, f"{key}.{vkey}", {f"{key}.{tkey}": types}) for fld, types in kinds.items()]


#: Words of a typed value's type that name no phone number: an e-mail, a web page, a
#: messenger's user name (folded, as :func:`_words` writes them).
_NOT_PHONE_KINDS = re.compile(
    r"e_?mail|^mail|courriel|correo|posta_el|url|^web|site|link|homepage|skype|^icq"
    r"|username|user_name|handle|^login|^adres|^address|^iban|account|konto|^cont$"
)


def _typed_kinds(
    items: list[dict[str, Any]], tkey: str, vkey: str, region: str | None
) -> dict[str, Any]:
    """The ``where:`` value of each identifier slot of a list of typed values: field ->
    the types whose values are e-mails (accounts), or, for the phones, ``{"not":
    [types]}``: every type but those with a positive reason to be no phone (values that
    are e-mails or accounts, a type named for one, ``email``, ``url``, ``skype``, or
    values with no digits at all, ``@handle``). A phone type is never left out for the
    sampled numbers that do not validate (one such number is its ``phone_invalid``
    reject at ingest), nor a type no sample showed (``work``): the draft reads them all.

    Examples:
        >>> items = [{"type": "mobile", "value": "+40 722 111 222"},
        ...          {"type": "mobile", "value": "0000"},
        ...          {"type": "email", "value": "a@example.md"},
        ...          {"type": "telegram", "value": "@ana"}]
        >>> _typed_kinds(items, "type", "value", None)
        {'phone': {'not': ['email', 'telegram']}, 'email': ['email']}
        >>> _typed_kinds(items[2:3], "type", "value", None)
        {'email': ['email']}
    """
    by_type: dict[str, list[str]] = {}
    for item in items:
        kind, value = str(item.get(tkey) or "").strip(), item.get(vkey)
        if kind and value not in (None, "") and not isinstance(value, list | dict):
            by_type.setdefault(kind, []).append(str(value))
    kinds: dict[str, list[str]] = {}
    phones, refused = False, []
    for kind, values in by_type.items():
        fld = _identifier_of_values(values, region)
        named = _words(kind)
        digits = any(ch.isdigit() for v in values for ch in v)
        if fld == "phone" or (fld is None and digits and _PHONE_KINDS.search(named)):
            phones = True  # a phone type, whatever share of its numbers validates
            continue
        if fld is None and digits and not _NOT_PHONE_KINDS.search(named):
            continue  # numbers under a type of another name ("line 2"): read as phones
        if fold(kind) not in {fold(k) for k in refused}:
            refused.append(kind)
        if fld is not None and fold(kind) not in {fold(k) for k in kinds.get(fld, [])}:
            kinds.setdefault(fld, []).append(kind)
    return ({"phone": {"not": refused}} if phones else {}) | kinds


def _where_text(types: Any) -> str:
    """A ``where:`` value as the draft's comment says it."""
    if isinstance(types, dict):
        return "any but " + ", ".join(types["not"]) if types["not"] else "any"
    return ", ".join(types)


def _holds_objects(value: Any) -> bool:
    """Whether a JSON value is an object or a list holding one (``[{"number": ...}]``)."""
    return isinstance(value, dict) or (
        isinstance(value, list) and any(isinstance(v, dict | list) for v in value)
    )


_TYPE_KEY = re.compile(
    r"^(type|kind|channel|category|medium|contact_type|typ|tip|art|tipo|rodzaj)$"
)
_VALUE_KEY = re.compile(
    r"^(value|contact|number|address|handle|detail|details|data|wert|valoare|valor|valore"
    r"|wartosc|znachenie)$"
)


def _typed_items(
    add: Any, col: str, group: str, items: list[dict[str, Any]], keys: list[str], region: str | None
) -> bool:
    """A list of typed values ("contacts": [{type: mobile, value: ...}, {type: email, ...}]):
    a slot per kind of identifier the values are (phones, e-mails, accounts, read from the
    values, so "telegram: @handle" is none), each selecting its types' items with
    ``where``; the phones every type but those (:func:`_typed_kinds`: a type no sample
    showed is read, a number that does not validate is its reject). False when the items
    are not typed values."""
    tkey = next((k for k in keys if _TYPE_KEY.match(_words(k))), None)
    vkey = next((k for k in keys if _VALUE_KEY.match(_words(k))), None)
    if tkey is None or vkey is None:
        return False
    kinds = _typed_kinds(items, tkey, vkey, region)
    for fld, types in kinds.items():
        add(f"{group}_{fld}", None, col, fld, vkey, where={tkey: types})
    return bool(kinds)


def _ad_record_column(info: dict[str, dict[str, Any]]) -> str | None:
    """The column that names each record's ad when the records are ads by what they hold
    though no header says "ad" (a scrape's ``id``, ``url``, ``title``, ``contact.phones``):
    a page of its own per record (a URL column, a different one on each row), words of
    its own (a title or text column, mostly different on each row: not a job title or an
    honorific) and a phone or e-mail to contact. The record's own id, else its URL."""
    top = {c: i for c, i in info.items() if not _nested(c) and i["values"]}

    def distinct(values: list[str], share: float) -> bool:
        return len(values) >= 2 and len(set(values)) >= share * len(values)

    url = next(
        (
            c
            for c, i in top.items()
            if i["key"] in _AD_URL_KEYS
            and _mostly(i["values"], lambda v: bool(re.match(r"(https?://|www\.)\S+$", v)))
            and distinct(i["values"], 1.0)
        ),
        None,
    )
    words = any(
        i["key"] in _AD_TEXT_KEYS
        and distinct(i["values"], 0.9)
        and _mostly(i["values"], lambda v: len(v.split()) >= 2)
        for i in top.values()
    )
    contact = any(i["field"] in ("phone", "email") for i in info.values())
    if url is None or not words or not contact:
        return None
    return next((c for c, i in top.items() if i["key"] in _AD_ID_KEYS), url)


#: Keys of an ad record's images, its hashes first (as the ads preset reads them): a hash
#: keys an image, its URL when it has none.
_AD_IMAGE_KEYS = ("image_hashes", "image_hash", "phash", "phashes", "images", "photos",
                  "image_urls", "image_url")  # fmt: skip


def _ad_images(draft: _Draft, columns: list[str]) -> None:
    """The images an ad shows (``columns``: its image columns, hashes first), an image
    slot linked ``shows_image`` from the ad, as the ads preset reads them: each row's
    hashes, else its URLs; of a list of image objects, each one's hash, else its URL.
    """
    if not columns:
        return
    spec: Any = columns[0] if len(columns) == 1 else {"columns": columns, "first": True}
    draft.slot("image", "image", split=";")["fields"]["identifier"] = spec
    draft.link("shows_image", "ad", "image")


#: Keys of an ad record's page, words and own id (as the ads preset reads them).
_AD_URL_KEYS = ("url", "link", "permalink")
_AD_TEXT_KEYS = ("title", "headline", "text", "body", "description", "content")
_AD_ID_KEYS = ("id", "ad_id", "post_id", "listing_id")
#: A record's object that is its place ("location": {"city", "country"}): an ad's place.
_PLACE_OBJECT = re.compile(r"^(location|place|geo|area|locality|address|where)$")


def _ads_place(draft: _Draft, group: str, fld: str) -> bool:
    """Whether ``fld`` of ``group`` is the place of the row's ad: a city or country of
    the record itself (a listing's ``city``, or its ``location`` object's, not its
    ``seller.city``) where an ad or listing is what the record is: where it is offered,
    not where its poster or contact lives."""
    return fld in ("city", "country") and _record_place(group) and "ad" in draft.entities


def _coordinates(
    fields: dict[str, Any], spec: dict[str, Any], info: dict[str, dict[str, Any]]
) -> None:
    """A record's place object's coordinates (``location.lat``, ``location.lon``) as its
    location's ``lat`` and ``lon``, as the ads preset reads them."""
    for cols in spec["fields"].values():
        for col in cols:
            end = info[col]["key"].rsplit("_", 1)[-1] if col in info else ""
            fld = _COORDINATE.get(end)
            if fld and fld not in fields:
                fields[fld] = col


_COORDINATE = {"lat": "lat", "latitude": "lat", "lon": "lon", "lng": "lon", "longitude": "lon"}


def _record_place(group: str) -> bool:
    """Whether a group of columns is the record's own (no party's): its top-level
    columns, or an object that is its place (``location.city``)."""
    return not group or bool(_PLACE_OBJECT.match(group))


def _travellers_in_vehicles(draft: _Draft) -> None:
    """In rows that are dated events (a border crossing, a check, an arrest), the persons
    travelled in the row's vehicle (``travelled_in``, the row's own plate column: slot
    ``plate``): they need not own it. A party's own vehicle (a suspect's ``vehicle``
    object, slot ``suspect_plate``) and a register of owners, with no event per row,
    keep ``owns_vehicle``."""
    for link in draft.links:
        if link["kind"] == "owns_vehicle" and link["dst"] == "plate":
            link["kind"] = "travelled_in"


def _link_slot(
    draft: _Draft, etype: str, slot: str, where: tuple[str, str | None, Any, Any]
) -> None:
    """Link an identifier or place slot to what holds it: the ad, the organisation, or
    the person of its group. ``where``: the group, its person slot, the ad and the
    organisation columns."""
    group, owner, ad_col, org_col = where
    # A column of organisations or ads that drafted no slot (empty in the sample) holds
    # nothing: the place or identifier is the person's.
    ad_col = ad_col if "ad" in draft.entities else None
    org_col = org_col if "organisation" in draft.entities else None
    if etype == "location":
        src = "ad" if ad_col and _record_place(group) else ("organisation" if org_col else owner)
        if src is not None:
            draft.link("located_in", src, slot)
    elif ad_col and not group:
        draft.link("ad_contact", "ad", slot)
    elif org_col and not group and etype == "address":
        draft.link("registered_at", "organisation", slot)
    elif owner is not None:
        draft.link(_LINK_OF.get(etype, "lives_at"), owner, slot)


#: A second line of an address ("address_2", "Address line 2", "street2"): more of the
#: first address column's address, not another address.
_ADDRESS_LINE = re.compile(r"(?:^|_)(?:line_?)?[2-4]$|(?:address|addr|street)_?[2-4]$")


def _address_spec(
    address_columns: list[str], house_numbers: list[str], info: dict[str, dict[str, Any]]
) -> Any:
    """The field spec of a row's address written over several columns: the house number,
    the street (the first address column) and its further lines ("address_2"), joined in
    the file's column order ("111", "witetnoom crescent" -> "111 witetnoom crescent"),
    as the people preset joins ``street_number, address_1, address_2``. Another address
    column (a second, work address) is not joined: it stays unmapped."""
    street, *others = address_columns
    parts = {street, *house_numbers[:1]}
    parts |= {c for c in others if _ADDRESS_LINE.search(info.get(c, {}).get("key", ""))}
    return _fieldspec([c for c in info if c in parts])


def _birth_date_spec(cols: list[str], info: dict[str, dict[str, Any]]) -> Any:
    """The field spec of a date of birth over year, month and day columns (see
    :func:`_birth_date_parts`), joined in that order with "-"; None for other columns."""
    parts = {info.get(c, {}).get("dob_part"): c for c in cols}
    if "year" not in parts:
        return None
    ordered = [parts[p] for p in ("year", "month", "day") if p in parts]
    return ordered[0] if len(ordered) == 1 else {"columns": ordered, "join": "-"}


def _patronymics(draft: _Draft, fields: dict[str, list[str]]) -> list[str]:
    """The patronymic columns among a group's attributes (``attr:otchestvo``), taken out of
    them: a given name's column is joined with them ("Сергей" "Петрович"), so that
    resolution tells Sergei Petrovich from Sergei Ivanovich Ivanov."""
    found = [f for f in fields if f.startswith("attr:") and _PATRONYMIC.search(f[5:])]
    columns = [c for f in found for c in fields.pop(f)]
    draft.used.update(columns)
    return columns


def _owner_by_name(group: str, persons: list[str]) -> str | None:
    """The person slot a group of identifiers is named after ("suspect_phone",
    "victim_contact_phone": the suspect's, the victim's), the longest such; else None."""
    named = [p for p in persons if not p.endswith("_alias") and group.startswith(f"{p}_")]
    return max(named, key=len) if named else None


def _contact_list(group: str) -> bool:
    """Whether a list's group is named for an identifier ("phones": [{"number": ...}],
    group ``phone``): the contacts of the record's own person, not another party's."""
    return group.rsplit("_", 1)[-1] in _ID_TYPES


def _place_groups(
    draft: _Draft,
    groups: dict[str, dict[str, Any]],
    order: list[str],
    info: dict[str, dict[str, Any]],
    ad_col: str | None,
    org_col: str | None,
) -> str | None:
    persons: list[str] = []
    for g in order:
        spec = groups[g]
        fields = spec["fields"]
        each = spec["each"]
        if g == "ad":
            ad = draft.slot("ad", "ad")
            ad["fields"]["identifier"] = fields["ad_id"][0]
            continue
        if g == "organisation":
            draft.slot("organisation", "organisation")["fields"]["name"] = fields["org_name"][0]
            continue
        if g.endswith("_alias"):
            slot = draft.slot(g, "person", each=each)
            slot["fields"]["name"] = fields["alias"][0]
            continue
        names = {f: c for f in ("name", "given_name", "family_name") if (c := fields.get(f))}
        if len(names) == 1 and "name" not in names:
            # One name column ("Nom", "Nombre", "Surname" alone): the whole name as the
            # file has it, not a part of a name whose other part is missing.
            names = {"name": next(iter(names.values()))}
        slot_name = g or "person"
        if "given_name" in names:
            names["given_name"] = names["given_name"] + _patronymics(draft, fields)
        if names:
            slot = draft.slot(slot_name, "person", **({"each": each} if each else {}))
            for f, cols in names.items():
                # Two whole-name columns ("full_name", "first_and_surname"; "Name" and
                # "Contact name") are not parts to join: the first is the name, the
                # others stay the person's attributes (a spelling, or someone else's name
                # that the analyst maps as a slot of its own).
                if f == "name":
                    slot["fields"][f] = cols[0]
                    for other in cols[1:]:
                        slot["fields"].setdefault(_words(other) or "other_name", other)
                else:
                    slot["fields"][f] = _fieldspec(cols)
            if spec["role"] and spec["role"] != "director":
                slot["fields"]["role"] = {"value": spec["role"]}
            persons.append(slot_name)
    main = next((p for p in persons if not draft.entities[p].get("each")), None)
    if main is None and not persons and "" in groups:
        main = None
    _link_parties(draft, groups, persons, main)
    # attributes and identifiers of each group
    for g in order:
        spec = groups[g]
        each = spec["each"]
        owner = (g or "person") if (g or "person") in persons else None
        fields_of = spec["fields"]
        if owner is None and _foreign_object(draft, spec):
            continue  # another party's object with no person of its own: said, left out
        if owner is None and g:
            owner = _owner_by_name(g, persons)  # "suspect_phone": the suspect's
        if owner is None and (not each or spec.get("where") or _contact_list(g)):
            owner = main  # the row's person holds typed contacts of the row's list too
        for fld, cols in spec["fields"].items():
            if fld in ("name", "given_name", "family_name", "ad_id", "org_name", "alias"):
                continue
            if fld.startswith("attr:") and g and owner is not None and owner == (g or "person"):
                keep_attribute(draft, owner, fld[5:], cols[0])
                continue
            if fld.startswith("attr:") or fld in (
                "reference",
                "duration",
                "cell",
                "amount",
                "currency",
                "debit",
                "credit",
                "id",
                "time",
                "row_number",
                "booking",
                *_DOC_ATTRS,
            ):
                continue
            if fld in _PERSON_ATTRS and owner is not None and not _ads_place(draft, g, fld):
                if _keeps_own_role(draft, owner, g, fld, cols[0]):
                    continue
                draft.entities[owner]["fields"][fld] = _birth_date_spec(cols, info) or cols[0]
                if fld not in ("city", "country") or "address" not in fields_of:
                    continue  # a town beside a street is the address's town too
            if fld == "house_number":
                if "address" not in fields_of and owner is not None:
                    # no street to number: the person's attribute, never an id
                    draft.entities[owner]["fields"].setdefault(_words(cols[0]), cols[0])
                continue
            if fld == "address":
                cols = [_address_spec(cols, fields_of.get("house_number", []), info)]
            if fld in ("address", "postcode") and owner is not None:
                # The person's own too, as the people preset has it: resolution compares
                # addresses and postcodes of persons.
                draft.entities[owner]["fields"].setdefault(fld, copy.deepcopy(cols[0]))
            if fld in _ID_TYPES or fld in ("address", "postcode", "city", "country"):
                etype = _ID_TYPES.get(fld, "address")
                if etype == "address" and not {"address", "postcode"} & set(spec["fields"]):
                    etype = "location"  # a city or a country alone: a place, not an address
                part = fld if etype not in ("address", "location") else etype
                # A typed list's group is named for its identifier already ("contact_phone"),
                # a record's place object for its place ("location": slot "location").
                slot_name = g if spec.get("where") or g == part else (f"{g}_{part}" if g else part)
                extra = {"each": each} if each else {}
                if spec.get("where"):
                    extra["where"] = spec["where"]
                elif fld in spec.get("field_where", {}):
                    extra["where"] = spec["field_where"][fld]
                if spec["split"].get(fld):
                    extra["split"] = spec["split"][fld]
                # Several columns of one identifier ("Phone", "Phone 2"): a slot each, all
                # linked alike (joined they would be one invalid number).
                is_place = etype in ("address", "location")
                if not is_place and not each:
                    cols = [c for c in cols if not _owners_identifier(draft, info, c, fields_of)]
                for n, col in enumerate(cols[:1] if is_place else cols):
                    name = slot_name if n == 0 else f"{slot_name}_{n + 1}"
                    draft.slot(name, etype, **extra)["fields"][fld] = col
                    _link_slot(draft, etype, name, (g, owner, ad_col, org_col))
                if etype == "location" and g and _record_place(g):
                    _coordinates(draft.entities[slot_name]["fields"], spec, info)
        _document_attrs(draft, spec, g, owner)
    # the rest of the row: attributes, events, dates
    ids = [
        c
        for g in order
        for f, cs in groups[g]["fields"].items()
        if f == "id" and not groups[g]["each"]
        for c in cs
    ]
    row_numbers = [
        c
        for g in order
        for f, cs in groups[g]["fields"].items()
        if f == "row_number" and not groups[g]["each"]
        for c in cs
    ]
    times = [
        c
        for g in order
        for f, cs in groups[g]["fields"].items()
        if f == "time" and not groups[g]["each"]
        for c in cs
    ]
    _booking(draft, groups, order, persons, times)
    if "ad" in draft.entities:
        if times:
            draft.entities["ad"]["fields"]["time"] = times[0]
        for p in persons:
            if p.endswith("_alias"):
                continue
            if _AD_POSTER.search(p):
                draft.link("posted_ad", p, "ad")
            else:
                # The ad's contact, and the numbers and addresses it gives are the ad's
                # contacts too (as the ads preset links them): an ad whose contact has no
                # name keeps them.
                draft.link("ad_contact", "ad", p)
                for link in list(draft.links):
                    if link["src"] == p and link["kind"] in ("uses_phone", "uses_email"):
                        draft.link("ad_contact", "ad", link["dst"])
        images: list[tuple[int, str]] = []
        for c, i in info.items():
            if i["field"] is None and c not in (ad_col,) and not groups.get("ad", {}).get(c):
                k = i["key"]
                if k in ("title", "text", "body", "site", "description", "handles", "url"):
                    draft.entities["ad"]["fields"][k] = c
                elif k in _AD_IMAGE_KEYS and not _nested(c):
                    images.append((_AD_IMAGE_KEYS.index(k), c))
        _ad_images(draft, [c for _, c in sorted(images)])
        return main
    if "organisation" in draft.entities:
        org = draft.entities["organisation"]
        for c in ids:
            org["fields"]["registration"] = c
        for c in times:
            org["fields"]["incorporated"] = c
        for p in persons:
            draft.link(
                "director_of"
                if groups.get("" if p == "person" else p, {}).get("role") == "director"
                or p == "director"
                else "employed_by",
                p,
                "organisation",
            )
        return main
    crossing = {c: i["crossing"] for c, i in info.items() if i.get("crossing")}
    if not ids and row_numbers and not (times or len(persons) > 1):
        row_numbers = []  # a person list's row number: nothing to name
    # an id the rows of different persons share (an arrest, a case number) names the event
    ids.sort(key=lambda c: info.get(c, {}).get("sharing") != "event")
    if ids and main is not None and not _is_event(ids[0], persons, times, info):
        # A person list's own row id ("id", "unique_id"), not a report: the person's record
        # id, as the people preset reads it (an event per row would only clutter the graph).
        draft.entities[main]["fields"].setdefault("record_id", ids[0])
    elif (ids or row_numbers or (crossing and times)) and (
        persons or len(draft.entities) > 1 or (ids and times and names_event(_words(ids[0])))
    ):
        event = draft.slot("case", "event")
        # A running row number names the row's event only within its file: scoped by source
        # (crossing "1" of April's file is not crossing "1" of May's).
        event["fields"]["identifier"] = (
            ids[0]
            if ids
            else {"column": row_numbers[0], "scope": "source"}
            if row_numbers
            else crossing_event_key(info, times)
        )
        for col, side in crossing.items():  # a border crossing's countries: routes reads them
            event["fields"][side] = col
            draft.used.add(col)
        draft.notes += in_out_note(crossing)
        if times:
            event["fields"]["time"] = _time_columns(info, times)
        if ids:
            # a flight number names a flight on its day only: keyed with the date
            event["fields"]["identifier"] = flight_event_key(
                info, ids[0], event["fields"].get("time")
            )
            _event_place(draft, info, ids[0], main)
            for place in place_unlinked(draft.entities, draft.links) if not persons else []:
                draft.link("located_in", "case", place)  # a sheet of events: where each was
        record_ids = [c for c in ids[1:] if info.get(c, {}).get("sharing") == "row"]
        if record_ids and main is not None:
            # beside the event's shared number, the row's own id is the person's record
            draft.entities[main]["fields"].setdefault("record_id", record_ids[0])
        for p in persons:
            if not p.endswith("_alias"):
                draft.link("involved_in", p, "case")
        if times:
            _travellers_in_vehicles(draft)
    elif times and main is not None:
        for c in times:
            draft.entities[main]["fields"][_words(c) or "date"] = c
    # who did what to whom
    victims = [p for p in persons if groups.get(p, {}).get("role") == "victim"]
    suspects = [p for p in persons if groups.get(p, {}).get("role") == "suspect"]
    suspects += [p for p in _suspects_by_column(draft, persons, info) if p not in suspects]
    for v in victims + _victims_by_column(draft, persons, info) if suspects else []:
        for s in suspects:
            if s != v:
                draft.link("victim_of", v, s)
    for p in persons:
        if p.endswith("_alias"):
            continue
        alias = f"{p}_alias"
        if alias in draft.entities:
            draft.link("alias_of", alias, p)
    # leftover columns of the row: attributes of the case event, else of the main person;
    # those that describe a person (an age, a place of origin, a nationality) the main
    # person's, where resolution reads them
    holder = "case" if "case" in draft.entities else main
    if holder is not None:
        for c, i in info.items():
            if (
                i["field"] is None
                and c not in draft.used
                and c not in draft.tables  # a second table's: its own group's
                and not _nested(c)
                and i["values"]
            ):
                k = i["key"]
                target = holder
                own = person_attribute(k, i["values"]) if main is not None else None
                if own is not None and main is not None:
                    target = main
                    k = own if own not in draft.entities[main]["fields"] else k
                if k and k not in draft.entities[target]["fields"] and not _value_is_json(i):
                    draft.entities[target]["fields"][k] = c
    return main


#: Headers of a person's age, in a few languages (folded: "Возраст" is "vozrast", "Yaş"
#: "yas", "Вік" "vik").
_AGE_HEADER = re.compile(
    r"(^|_)age($|_)|^(alter|edad|eta|idade|vozrast|wiek|yas|varsta|leeftijd|umur|tuoi|vik"
    r"|edat|vek|starost|ikae|ilikia|eletkor|kor)$"
)
#: Headers of a person's place of origin: the town resolution compares as the person's city.
_ORIGIN_HEADER = re.compile(
    r"(city|town|village|place|ciudad|lugar|cidade|miasto|sehir|gorod|misto)_(of_|de_|do_|da_)?"
    r"(origin|origen|origem|pochodzenia)$|^hometown$|^home_town$|^(city|town)_of_birth$"
)
#: Other headers that describe the person, not the event of the row.
_PERSON_HEADER_WORDS = re.compile(
    r"(^|_)(nationality|citizenship|nacionalidad|nationalite|staatsangehorigkeit|gender|sex"
    r"|sexo|genero|ethnicity|religion|language|languages|height|weight|eye_colou?r"
    r"|hair_colou?r|birthplace|place_of_birth|country_of_origin|country_of_birth)($|_)"
)


def _small_age(value: str) -> int | None:
    """The age a cell holds (a whole number 0-110, "29" or "29.0"), else None."""
    number = float(value.strip())
    return int(number) if number.is_integer() and 0 <= number <= 110 else None


def person_attribute(key: str, values: list[str]) -> str | None:
    """The field of the row's person a leftover column (header words ``key``) is: ``age``
    for an age header over whole numbers 0-110, ``city`` for a place of origin, the
    header's own words for another word that describes a person (nationality, gender,
    height...); None for a column of the row's event.

    >>> person_attribute("edad", ["29", "41"]), person_attribute("city_of_origin", ["Lviv"])
    ('age', 'city')
    >>> person_attribute("age", ["2020-01-01"]), person_attribute("amount", ["5"])
    (None, None)
    """
    if _AGE_HEADER.search(key):
        if not _mostly(values, _small_age):
            return None
        # "Age", "Edad", "Age (years)": the person's age, which resolution reads; another
        # age ("birth_age" of a voter roll, "age_at_arrest") keeps its own name.
        return "age" if _AGE_HEADER.fullmatch(key) or key == "age_years" else key
    if _ORIGIN_HEADER.search(key):
        return "city"
    return key if _PERSON_HEADER_WORDS.search(key) else None


def _foreign_object(draft: _Draft, spec: dict[str, Any]) -> bool:
    """Whether a group is a record's object that names another party than the record's
    person ("employer", "victim.mother") and drafts no person of its own: its phones and
    addresses are not the record person's. The draft says which columns it left out."""
    obj = spec.get("object")
    if obj is None or (not obj["parent"] and own_object(obj["key"])):
        return False
    if not obj["parent"] and party_kind(obj["key"]) is None:
        return False  # "caller", "vehicle": the record's own object, read as before
    columns = [c for f, cs in spec["fields"].items() if not f.startswith("attr:") for c in cs]
    if columns:
        draft.notes += [
            f"# {', '.join(columns)}: fields of {obj['path']}, another party than the",
            "# record's person, so not hers: left out (map them by hand as slots of their",
            "# own, linked to that party)",
        ]
    return True


def _link_parties(
    draft: _Draft, groups: dict[str, dict[str, Any]], persons: list[str], main: str | None
) -> None:
    """Link each person of an object inside a record's object ("victim.mother") to the
    person of its parent ("victim"; the record's person when that has none): ``family``
    for a relative, ``associate`` for another party."""
    for p in persons:
        obj = groups.get(p, {}).get("object")
        kind = party_kind(obj["key"]) if obj is not None else None
        if kind is None:
            continue
        parent = obj["parent"] if obj["parent"] in persons else main
        if parent is not None:
            draft.link(kind, p, parent)


def _keeps_own_role(draft: _Draft, owner: str, group: str, fld: str, column: str) -> bool:
    """Whether the person slot ``owner`` keeps the role its key gave it ("victim.name":
    ``role: {value: victim}``) against a role column of another group of the row: a
    victims' slot is never made a slot of any role the column holds (and so unprotected
    where it holds none). The draft says which column it left out."""
    role = draft.entities[owner]["fields"].get("role")
    if fld != "role" or group == owner or not isinstance(role, dict):
        return False
    if not group and _record_role_slot(draft) == owner:
        draft.notes += [
            f"# {column}: the role of {owner}, the record's one person (its key says who",
            "# reported the case, not that person's standing in it)",
        ]
        return False
    draft.notes += [
        f"# {column}: a role column, not read as {owner}'s role: the slot's key says",
        f"# {role.get('value')}",
    ]
    return True


def _record_role_slot(draft: _Draft) -> str | None:
    """The person slot a record-level role column ("role": "victim" beside a "reporter"
    object) belongs to: the record's one person whose key names no standing in the case
    (a reporter or caller; a "person" object), when it is the only such slot of the row
    (lists of other parties, "perpetrators", have roles of their own). A slot named for a
    victim, suspect or witness keeps that role; two such candidate slots: None."""
    candidates = [
        slot
        for slot, spec in draft.entities.items()
        if spec.get("type") == "person"
        and not spec.get("each")
        and not slot.endswith("_alias")
        and (
            not isinstance(role := spec["fields"].get("role"), dict)
            or role.get("value") == "reporter"
        )
    ]
    return candidates[0] if len(candidates) == 1 else None


#: The fewest values of an identifier column, and the share of them one value must be, for
#: it to be the file's owner's rather than each row's person's.
_OWNER_VALUES, _OWNER_CONSTANT = 5, 0.9


def _owners_identifier(
    draft: _Draft, info: dict[str, dict[str, Any]], column: str, fields: dict[str, list[str]]
) -> bool:
    """Whether an identifier column holds (nearly) one value in every row while the rows'
    persons differ: the file's owner's (the account whose activity this is), not each
    row's person's, who would otherwise all be said to use it. The draft leaves it out
    and says so."""
    values = info[column]["values"] if column in info else []
    if len(values) < _OWNER_VALUES or info[column]["split"]:
        return False
    if Counter(values).most_common(1)[0][1] < _OWNER_CONSTANT * len(values):
        return False
    names = [
        tuple(info[c]["values"]) for f in _NAME_FIELDS for c in fields.get(f, [])[:1] if c in info
    ]
    if not names or len(set(zip(*names, strict=False))) < 3:
        return False
    draft.notes += [
        f"# {column}: one value in nearly every row, whose persons differ: the file's",
        "# owner's, not each row's person's; left out (map it by hand as the owner's,",
        "# with the owner's name as {value: NAME})",
    ]
    return True


def _booking(
    draft: _Draft,
    groups: dict[str, dict[str, Any]],
    order: list[str],
    persons: list[str],
    times: list[str],
) -> None:
    """A booking reference its rows share (an airline's PNR: two travellers on one
    booking): an event, at the row's date, each of the row's persons is ``involved_in``;
    it links the people booked together without being an identifier of any of them."""
    column = next(
        (c for g in order if not groups[g]["each"] for c in groups[g]["fields"].get("booking", [])),
        None,
    )
    travellers = [p for p in persons if not p.endswith("_alias")]
    if column is None or not travellers:
        return
    booking = draft.slot("booking", "event")
    booking["fields"]["identifier"] = column
    if times:
        booking["fields"]["time"] = times[0]
    for p in travellers:
        draft.link("involved_in", p, "booking")


def _victims_by_column(
    draft: _Draft, persons: list[str], info: dict[str, dict[str, Any]]
) -> list[str]:
    """The person slots whose role column names victims ("Status: victim" beside the
    "Exploiter name" of the same row): victims of the row's suspects. Where the column
    names other roles too, the draft says that those rows make no such link (ingest
    leaves out a row whose role is another standing: ``build._other_than_victim``)."""
    out = []
    for p in persons:
        column = draft.entities[p]["fields"].get("role")
        if not isinstance(column, str) or column not in info:
            continue
        roles = {canonical_role(v) for v in info[column]["values"]}
        if "victim" not in roles:
            continue
        out.append(p)
        others = sorted(str(r) for r in roles - {"victim", None})
        if others:
            draft.notes.append(
                f"# victim_of {p} -> the row's suspect: {column} also says {', '.join(others)};"
                " made only on rows that say victim (or nothing)"
            )
    return out


def _suspects_by_column(
    draft: _Draft, persons: list[str], info: dict[str, dict[str, Any]]
) -> list[str]:
    """The person slots whose role column names suspects or traffickers and no victim
    ("Role: suspect" in the second Name/Phone/Role of a row whose first says "victim"):
    the row's suspects, whom its victims (:func:`_victims_by_column`) are victims of, as
    with a "Suspect" group header."""
    from linkgraph.resolve.features import OFFENDER_SIDE, VICTIM_SIDE, role_side

    out = []
    for p in persons:
        column = draft.entities[p]["fields"].get("role")
        if not isinstance(column, str) or column not in info:
            continue
        sides = {role_side(v) for v in info[column]["values"]}
        if OFFENDER_SIDE in sides and VICTIM_SIDE not in sides:
            out.append(p)
    return out


#: Fields of a document that are no document: its type, its dates (``_checked_by_values``).
_DOC_ATTRS = ("doc_type", "doc_date")


def _document_attrs(draft: _Draft, spec: dict[str, Any], group: str, owner: str | None) -> None:
    """A group's document type and dates as fields of its document (``doc_type``, and the
    date under its header's words: ``passport_expiry``), else of its person."""
    document = f"{group}_document" if group else "document"
    holder = document if document in draft.entities else owner
    if holder is None:
        return
    for fld in _DOC_ATTRS:
        for col in spec["fields"].get(fld, []):
            name = "doc_type" if fld == "doc_type" else _words(col) or "document_date"
            draft.entities[holder]["fields"].setdefault(name, col)


def _event_place(
    draft: _Draft, info: dict[str, dict[str, Any]], column: str, main: str | None
) -> None:
    """The place of a shared id's event: the town column that holds one value on all rows
    of each event (where the arrest was made), no longer the row's person's town."""
    for col in info.get(column, {}).get("shared_columns", []):
        if info[col]["field"] != "city" or _BIRTH_PLACE.search(info[col]["key"]):
            continue
        draft.entities["case"]["fields"]["place"] = col
        if main is not None and draft.entities[main]["fields"].get("city") == col:
            del draft.entities[main]["fields"]["city"]
        return


#: A person's place of birth: hers, never the place of an event she was at.
_BIRTH_PLACE = re.compile(_FIELD_WORDS_OF["city"])


def _is_event(
    column: str, persons: list[str], times: list[str], info: dict[str, dict[str, Any]]
) -> bool:
    """Whether a row's id column names a case, report or incident (an event the row's
    persons are involved in) rather than the row itself: by its values when they tell
    (repeated for different persons: an event; for one person: her id), else a case word
    in its header, a date in the row, or several persons in it (a victim and a suspect)."""
    sharing = info.get(column, {}).get("sharing")
    if sharing in ("event", "person"):
        return sharing == "event"
    named = re.search(
        r"case|report|incident|^fall|dossier|expediente|^ref$|nummer$", _words(column)
    )
    return bool(named) or bool(times) or len([p for p in persons if not p.endswith("_alias")]) > 1


def _value_is_json(i: dict[str, Any]) -> bool:
    return any(v.startswith(("[", "{")) for v in i["values"][:5])


def _chat_comment(path: Path) -> list[str]:
    """What a drafted chat mapping says of the file: a phone's SMS/call backup writes
    epoch milliseconds (UTC); a chat export writes the phone's local times."""
    from linkgraph.ingest.archive import readable_file
    from linkgraph.ingest.phone_backup import extraction_reader

    if extraction_reader(readable_file(path)) is not None:
        return [
            "# A phone's SMS/call backup (SMS Backup & Restore XML, Android call log): the",
            "# chat preset reads it (each message or call a link between the phone's owner",
            "# and the number, in the direction it went). Its times are epoch milliseconds,",
            "# UTC: keep timezone UTC. The owner has no name (labelled 'owner of backup SET',",
            "# her account the device's: one person per backup). If the phone is a victim's,",
            "# add (keep label and account):",
            "#   entities: {owner: {type: person, fields: {label: owner, account: device,",
            "#                                            role: {value: victim}}}}",
        ]
    return [
        "# A chat export: the chat preset reads it (a message is a `messaged` link from",
        "# its sender to the other participant; in a group, `involved_in` the chat).",
        "# Set timezone to the phone's: the export writes local times.",
    ]


def _cell_site_draft(path: Path, cells: tuple[str, str, str], region: str | None = None) -> str:
    """The draft for a cell-site list: the cdr preset, given with the CDRs it places (and
    the region given with --region, which reads their national numbers)."""
    cell, lat, lon = cells
    lines = [
        f"# Mapping proposed by `linkgraph mapping suggest {path.name}`.",
        f"# A cell-site list (cell id {cell}, latitude {lat}, longitude {lon}): no mentions of",
        "# its own. Ingest it in one command with the CDRs whose calls name its cells, through",
        "# the cdr preset (or this mapping, which includes it):",
        f"#   linkgraph ingest calls.csv {path.name} --preset cdr -o case/",
        "# Each call whose cell is in the list gets the cell's lat and lon (the CDR's own win);",
        "# a list row without a usable position is a reject. Set agency and region below.",
    ]
    data: dict[str, Any] = {"include": "cdr", "agency": None}
    _given_region(data, lines, region)
    return "\n".join(lines) + "\n" + yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


#: The ads preset's fields that only an ad has: its words or its page.
_AD_FIELDS = ("title", "text", "url")


def _fits_ads_preset(frame: pd.DataFrame) -> bool:
    """Whether a table is scraped ads the ads preset reads whole: an ad id or URL, the
    ad's title, text or page, a phone or e-mail to contact, and no column the preset
    leaves unread (a person's name, a column of its own: then a draft of its own)."""
    from linkgraph.ingest.build import plan_columns
    from linkgraph.ingest.mapping import load_mapping

    ads = load_mapping("ads")
    headers = [str(c) for c in frame.columns]
    try:
        plan = plan_columns(ads, headers, "sample")
    except InputError:
        return False  # no ad id nor URL
    fields = {e.slot: e.fields for e in ads.entities}

    def read(slot: str, name: str) -> bool:
        return plan.column(fields[slot][name]) is not None

    used = {c for c in plan.resolved.values() if c}
    filled = [str(c) for c in frame.columns if frame[c].notna().any()]
    return (
        all(c in used for c in filled)
        and any(read("ad", f) for f in _AD_FIELDS)
        and (read("phone", "phone") or read("email", "email"))
    )


def _region_hint(
    name: str, info: dict[str, dict[str, Any]], given: str | None, fitting: Sequence[str]
) -> str | None:
    """What to do with a file no proposal fits whose columns of no field hold numbers
    written as phone numbers ("069123456"): they may be national numbers that no region
    was taken for (``fitting``: the countries whose plans read them), and --region reads
    them; None otherwise (or when it was given)."""
    from linkgraph.ingest.suggest_telecom import phone_shaped

    shaped = [
        c
        for c, i in info.items()
        if i["field"] is None and not _DEVICE.search(i["key"]) and phone_shaped(i["values"])
    ]
    if given is not None or not shaped:
        return None
    which = f"one of {', '.join(fitting[:5])}" if fitting else "e.g. GB"
    # beside amounts, numbers are as likely accounts ("From", "To" of a statement)
    money = any(i["field"] in ("amount", "debit", "credit") for i in info.values())
    accounts = (
        " account numbers of the payments (`type: account` and a `paid` link with the amount), or"
        if money
        else ""
    )
    return (
        f"{', '.join(shaped[:4])} hold numbers that may be{accounts} national phone numbers"
        f" of a country their values cannot tell: give it, `linkgraph mapping suggest {name}"
        f" --region XX` (ISO alpha-2, {which}); else write the mapping by hand, naming the"
        " columns (docs/mapping.md)"
    )


def _region_comment(region: str, given: bool) -> str:
    """The draft's comment on its ``region:``: given with --region, or read from the file."""
    if given:
        return f"# region {region}: given with --region, the country of the local numbers"
    return f"# region {region}: the country whose numbering plan reads the local numbers"


def _ads_draft(head: list[str], sample: Any, region: str | None, given: bool = False) -> str:
    """The draft for scraped ads the ads preset reads whole: the preset, with the file's
    reading options and its region."""
    data: dict[str, Any] = {"include": "ads", "format": sample.fmt}
    data |= {k: v for k, v in sample.extra.items() if k != "format"}
    layout = sample.chunk.layout if sample.chunk is not None else {}
    if layout.get("header_row", 1) != 1:
        data["header_row"] = layout["header_row"]
    data["agency"] = None
    head += [
        "# Online ads: the ads preset reads every column (each ad its phones, e-mails",
        "# and place as `ad_contact` and `located_in` links, its images as `shows_image`",
        "# (keyed by hash, else by URL), and the numbers and addresses written in its",
        "# title and text).",
    ]
    if region is not None:
        data["region"] = region
        head.append(_region_comment(region, given))
    head += [f"# {n}" for n in sample.notes]
    return "\n".join(head) + "\n" + yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


def _given_region(data: dict[str, Any], head: list[str], region: str | None) -> None:
    """The region given with --region recorded in a preset's draft (a chat export, FtM, a
    goAML report, a graph file), whose reader reads its national numbers with it."""
    if region is not None:
        data["region"] = region
        head.append(_region_comment(region, True))


def graph_file_draft(path: Path, preset: str, region: str | None = None) -> str:
    """The draft for a graph file (GraphML, GEXF, Pajek, UCINET DL, i2, Maltego...), which
    says what each node and edge is: it only names the preset that reads it (so that
    `ingest --mapping DRAFT` works too), and the region given with --region, which reads
    the national numbers of its phone nodes."""
    from linkgraph._terminal import name_text

    region = _checked_region(region, path)
    head = [
        f"# {path.name} is a graph file ({preset}): it needs no mapping. Ingest it as it is:",
        f"#   linkgraph ingest {path.name} -o case/",
        "# This draft only names the preset that reads it.",
    ]
    data: dict[str, Any] = {"include": preset}
    _given_region(data, head, region)
    text = "\n".join(head) + "\n" + yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    return name_text(text)


def _checked_region(region: str | None, path: Path) -> str | None:
    """--region as an ISO alpha-2 code (upper case), refused with the code meant."""
    if region is None:
        return None
    problem = normalize.region_problem(region)
    if problem is not None:
        raise InputError(problem, source=Path(path).name, hint=normalize.REGION_HINT)
    return str(region).strip().upper()


def suggest_mapping(path: str | Path, sheet: str | None = None, region: str | None = None) -> str:
    """A commented mapping YAML proposed for ``path`` (see docs/mapping.md); ``sheet``: the
    workbook sheet to read (default: the visible one with the most data); ``region``: the
    country of the file's national phone numbers (ISO alpha-2), which the analyst knows
    and the values cannot tell: the columns are read with it and the draft records it."""
    from linkgraph._terminal import name_text

    region = _checked_region(region, Path(path))
    # A file name of bytes that are not UTF-8 is written as \xff in the draft's comments.
    return name_text(_suggested(Path(path), sheet, region))


def _suggested(path: Path, sheet: str | None, given_region: str | None = None) -> str:
    from linkgraph.ingest.cell_sites import probe_cell_site_list
    from linkgraph.ingest.suggest_network import (  # it imports this module
        network_shape_hint,
        suggest_network,
    )

    if sheet is None and path.is_file() and probe_cell_site_list(path):
        # cell id, latitude, longitude: not a two-mode list of cells and sites
        cells = cell_site_columns(list(map(str, _read_sample(path, sheet).frame.columns)))
        if cells is not None:
            return _cell_site_draft(path, cells, given_region)
    if sheet is None and (network := suggest_network(path, given_region)) is not None:
        return network  # an adjacency matrix or an edge list (docs/mapping.md)
    sample = _read_sample(path, sheet)
    head = [
        f"# Mapping proposed by `linkgraph mapping suggest {path.name}`: check every slot, set",
        "# agency (and region, the default country of local phone numbers), then run",
        f"#   linkgraph mapping preview {path.name} --mapping THIS.yaml",
        f"#   linkgraph ingest {path.name} --mapping THIS.yaml -o case/",
    ]
    if sample.fmt == "chat":
        # One reading fits every chat export: the preset, with the phone's timezone.
        head += _chat_comment(path)
        chat: dict[str, Any] = {"include": "chat", "agency": None, "timezone": "UTC"}
        _given_region(chat, head, given_region)  # the participants' national numbers
        return "\n".join(head) + "\n" + yaml.safe_dump(chat, sort_keys=False, allow_unicode=True)
    if sample.fmt == "location":
        head += [
            "# A location history (Google Takeout, or a phone's Timeline export): the location",
            "# preset reads it, each point an event the device's owner attended (no name,",
            "# labelled 'owner of FILE', her account the device's: one person per file), at",
            "# its UTC time and coordinates. If the device is a victim's, add (keep label and",
            "# account):",
            "#   entities: {owner: {type: person, fields: {label: owner, account: device,",
            "#                                            role: {value: victim}}}}",
        ]
        located: dict[str, Any] = {"include": "location", "agency": None}
        text = yaml.safe_dump(located, sort_keys=False, allow_unicode=True)
        return "\n".join(head) + "\n" + text
    if sample.fmt in ("camt", "mt940", "mt103"):
        # A bank's own statement format names every field: the statement preset reads it.
        kind = {"camt": "an ISO 20022 camt.052/053/054", "mt940": "a SWIFT MT940"}.get(
            sample.fmt, "SWIFT MT103 payments read as a"
        )
        head += [
            f"# {kind} bank statement: read by the {sample.fmt} reader through the statement",
            "# preset (the holder's account and each counterparty's, a `paid` link per",
            "# transaction in the direction the money went; fees and cash without a",
            "# counterparty account are `no_counterparty` rejects).",
        ]
        statement: dict[str, Any] = {"include": "statement", "format": sample.fmt,
                                     "agency": None}  # fmt: skip
        text = yaml.safe_dump(statement, sort_keys=False, allow_unicode=True)
        return "\n".join(head) + "\n" + text
    if sample.fmt == "ftm":
        data: dict[str, Any] = {"format": "ftm", "agency": None}
        head.append("# FollowTheMoney entities: schemata map to entity types and links.")
        _given_region(data, head, given_region)  # phone properties written nationally
        return "\n".join(head) + "\n" + yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    if sample.fmt == "goaml":
        head += [
            "# goAML report: read by the goaml reader (each transaction a `paid` link between",
            "# the from and to accounts, or persons/entities without one; signatories hold",
            "# their accounts; phones, e-mails, identifications and addresses are mentions).",
            "# It needs no mapping: `linkgraph ingest FILE -o case/` reads it so.",
        ]
        goaml: dict[str, Any] = {"format": "goaml", "agency": None}
        _given_region(goaml, head, given_region)  # phones without a country prefix
        return "\n".join(head) + "\n" + yaml.safe_dump(goaml, sort_keys=False, allow_unicode=True)
    if (cells := cell_site_columns(list(map(str, sample.frame.columns)))) is not None:
        return _cell_site_draft(path, cells, given_region)
    frame = sample.frame.replace("", pd.NA)
    facts = sample.chunk.facts if sample.chunk is not None else {}
    if given_region is not None:  # --region: the analyst's word, read before the values'
        region, fitting = given_region, ()
        info = _columns_info(frame, region)
    else:
        info = _columns_info(frame, None)
        region, fitting = region_reading(frame, info, facts)
        if region is not None:
            info = _columns_info(frame, region)
    if _fits_ads_preset(frame):
        return _ads_draft(head, sample, region, given_region is not None)
    from linkgraph.model import file_sha256

    draft = _Draft(source=path.name, source_digest=file_sha256(path)[:8])
    if _cdr(draft, info, facts, region):
        sheet_name = sample.chunk.layout.get("sheet") if sample.chunk is not None else None
        _as_messages(draft, info, sheet_name)
    elif (
        not _money(draft, info, facts)
        and not _transactions(draft, info)
        and not _account_tables(draft, info)
        and not _email_payments(draft, info, frame)
        and not _mobile_money(draft, info, facts, region)
        and not _statement_text(draft, info, facts)
        and not _named_statement(draft, info, facts)
        and not _transfer(draft, info, frame, region)
        and not one_account_statement(draft, info, facts)
    ):
        draft.tables = table_groups(sample.chunk.layout if sample.chunk is not None else {})
        _groups(draft, info, frame, region)
        _row_amount(draft, info, facts)
    region = region if given_region is not None else region or draft.region
    data = {"format": sample.fmt, **{k: v for k, v in sample.extra.items() if k != "format"}}
    layout = sample.chunk.layout if sample.chunk is not None else {}
    if layout.get("header_row", 1) != 1:
        data["header_row"] = layout["header_row"]
        head.append(
            f"# The header is on row {layout['header_row']} (rows above it are a title"
            " or a preamble)."
        )
    if facts:
        head.append(f"# Facts above the header (usable as {{fact: KEY}}): {', '.join(facts)}")
    if (warning := data_above_header_warning(path.name, layout)) is not None:
        head.append(f"# WARNING: {warning}")
    data["agency"] = None
    if region is not None:
        data["region"] = region
        head.append(_region_comment(region, given_region is not None))
    elif fitting and not draft.region:
        note = region_note(frame, fitting)
        if "+CC" in note:
            head += [f"# {line}" for line in textwrap.wrap(note + ":", 86)] + [
                "# set `region:` to the country of the file, or map a country column (each",
                "# row's numbers are then read with its own country).",
            ]
        else:
            head += [
                f"# {ambiguous_region_note(fitting)}, and nothing in the file",
                "# (a country, city or county column, a currency, numbers with +CC) tells which:",
                "# set `region:` to the country of the file, or every local number is read as",
                "# that of another one.",
            ]
        head += [
            f"# Or draft it again with the file's country ({fitting[0]}, or another one):",
            f"#   linkgraph mapping suggest {path.name} --region {fitting[0]}",
        ]
    elif countries := several_row_countries(frame, info):
        named = ", ".join(f"{c} {n}" for c, n in countries.most_common())
        head += [
            f"# region not set: the rows' local numbers are of several countries ({named});",
            "# each row's are read with its own country (its country, else nationality,",
            "# column). Set `region:` for the rows that have none.",
        ]
        head += party_region_notes(info)
    head += unpaired_phone_notes(info)
    orders: list[bool | None] = []
    for c, i in info.items():
        if i["field"] == "time" or i["field"] == "dob":
            named = header_dayfirst(c)
            found = infer_dayfirst(frame[c]) if named is None else named
            orders.append(found)
            if found is not None:
                by = "the header" if named is not None else "values"
                head.append(f"# {c}: dates are {'day' if found else 'month'}-first (from {by})")
            else:
                head += _undecided_order_note(c, frame[c])
    if (
        orders
        and None not in orders
        and len(set(orders)) == 1
        and any(header_dayfirst(c) is not None for c in info)
    ):
        data["dayfirst"] = orders[0]  # every date column's order, one named by its header
    zone_column = _zone_column(frame)
    if zone_column is not None:
        data["timezone"] = {"column": zone_column}
        head.append(f"# timezone: each row's time is local to the zone in {zone_column}")
    else:
        head += _naive_time_note(frame, info, region)
    _status_filter(draft, info, frame)
    if draft.skip_rows_where is not None:
        data["skip_rows_where"] = draft.skip_rows_where
    data["entities"] = draft.entities
    if draft.links:
        data["links"] = draft.links
    head += [f"# {n}" for n in sample.notes]
    head += draft.notes
    _accepted_field_names(draft)
    persons = [s for s, e in draft.entities.items() if e["type"] in ("person", list(_PARTY))]
    named_role, named_by = _named_role(path, sample)
    if named_role is not None:
        # A sheet or file named for its people ("Victims", "Opfer", "Потерпілі",
        # "victims.csv") gives them that role when its columns say none.
        for p in persons:
            fields = draft.entities[p]["fields"]
            if "role" not in fields and not p.endswith("_alias"):
                fields["role"] = {"value": named_role}
                head.append(f"# {p}: role {named_role} from the {named_by}")
    head += _unlinked_slots_note(draft)
    if persons and not any("role" in draft.entities[p]["fields"] for p in persons):
        head.append("# WARNING: no person has a role: mark the victims (role: {value: victim})")
        head.append("# so that maps and reports protect them.")
    mapped = _mapped_columns(draft, data) | ({zone_column} if zone_column else set())
    mapped |= flattened_items(frame.columns, draft.entities.values())
    unused = [str(c) for c in frame.columns if str(c) not in mapped]
    head += [
        f"# {c}: a running row number (1, 2, 3, ...), unique only within this file: no id"
        for c in unused
        if info.get(c, {}).get("field") == "row_number"
    ]
    head += _unmapped_values_notes(unused, info)
    if unused:
        head.append(f"# Columns not mapped: {', '.join(unused)}")
    if not draft.entities and frame.empty:
        raise InputError(
            "the file has no data rows to propose a mapping from",
            source=path.name,
            hint="suggest reads the values as well as the headers: give it the whole export"
            " (or the sheet that holds the rows, with --sheet)",
        )
    if not draft.entities:
        raise InputError(
            "could not propose any entity for this file; its columns, as read by their"
            f" headers and values: {_columns_found(info)}",
            source=path.name,
            hint=network_shape_hint(path)
            or _region_hint(path.name, info, given_region, fitting)
            or "write the mapping by hand, naming the columns (docs/mapping.md: a person"
            " list is `entities: {person: {type: person, fields: {name: COLUMN, phone:"
            " COLUMN, role: COLUMN}}}`, or `--preset people` with headers it knows);"
            " `linkgraph mapping preview FILE --mapping MAP.yaml` shows what it gives",
        )
    return "\n".join(head) + "\n" + yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


#: A written amount, not a number alone (an id, a count): a currency sign, a sign in
#: parentheses or two decimals ("€500", "(1,234.56)", "10.000,00").
_AMOUNT_WRITTEN = re.compile(r"[€$£¥₴₽₺]|\(\s*\d|\d[.,]\d{2}(?!\d)")


def _amount_like(value: str) -> str | None:
    """``value`` when it is written as an amount (see :data:`_AMOUNT_WRITTEN`)."""
    if not _AMOUNT_WRITTEN.search(value):
        return None
    return normalize.amount(value)


def _unmapped_values_notes(unused: list[str], info: dict[str, dict[str, Any]]) -> list[str]:
    """A note for each column left out whose values are amounts or dates: money or a time
    the draft does not read, said so, not lost silently (a running balance is no payment)."""
    notes = []
    for c in unused:
        i = info.get(c)
        if i is None or not i["values"] or i["field"] == "row_number":
            continue
        if re.search(_BALANCE, i["key"]) and _mostly(i["values"], _amount_like):
            notes.append(f"# {c}: amounts, a running balance, not mapped (no payment)")
        elif _mostly(i["values"], _amount_like):
            notes += [
                f"# {c}: amounts, not mapped: no link carries them; give a link `amount: {c}`",
                "# if it is the money moved",
            ]
        elif i["field"] in ("time", "dob", "doc_date") or _mostly(i["values"], normalize.date):
            notes += [
                f"# {c}: dates, not mapped: no link or event carries them; give a link",
                f"# `time: {c}` if it is when the row happened",
            ]
    return notes


def _account_tables(draft: _Draft, info: dict[str, dict[str, Any]]) -> bool:
    """An alerts, cash or account-register table (linkgraph.ingest.suggest_accounts)."""
    from linkgraph.ingest.suggest_accounts import account_tables  # it imports this module

    return account_tables(draft, info)


def _unlinked_slots_note(draft: _Draft) -> list[str]:
    """A warning for the slots other than persons that no drafted link uses: such an
    address, phone or account would be a loose node, held by no one (a victim's home
    address left unprotected)."""
    linked = {end for link in draft.links for end in (link["src"], link["dst"])}
    loose = [s for s, e in draft.entities.items() if s not in linked and e["type"] != "person"]
    if not loose or not any(e["type"] == "person" for e in draft.entities.values()):
        return []
    return [
        f"# WARNING: no link uses {', '.join(loose)}: each would be a loose node, held by no"
        " one; link it (`links:`, e.g. {kind: lives_at, src: person, dst: address}) or remove it"
    ]


def _columns_found(info: dict[str, dict[str, Any]], most: int = 12) -> str:
    """What each column was read as ("Telefon: phone", "Notes: no field"; a column with
    no value in the first rows: "empty"), for the error of a file suggest cannot map."""
    parts = [
        f"{c}: {i['field'] or ('no field' if i['values'] else 'empty')}"
        for c, i in list(info.items())[:most]
    ]
    if len(info) > most:
        parts.append(f"and {len(info) - most} more")
    return "; ".join(parts)


#: Headers of a column of time zones: "tz", "Time zone", "Zeitzone", "Часовой пояс".
_ZONE_HEADER = re.compile(
    r"^(tz|time_?zone|zone|utc_?offset|offset|zeitzone|fuseau(_horaire)?|huso_horario"
    r"|fuso_orario|strefa_czasowa|chasovoi_poias|chasovii_poias|saat_dilimi)$"
)


def _undecided_order_note(column: str, values: pd.Series) -> list[str]:
    """A note for a date column whose values do not tell the day from the month, as
    ingest and `mapping check` warn of it (``build._dayfirst``): dates that read both ways
    (03/04/1999) and none that decides, or dates written in both orders (13.02. beside
    03/15/). No date is quoted: it may be a victim's date of birth. Dates written with
    dots are day-first wherever they are written so: no note."""
    from linkgraph.ingest._columns import ambiguous_dates, date_orders
    from linkgraph.ingest.build import _all_dotted

    sample = values.dropna().astype(str).str.strip().head(2_000)
    day_first, month_first = date_orders(sample)
    if day_first and month_first:
        return [
            f"# {column}: dates are written both day-first (13.02.) and month-first (03/15/):",
            "# those that read both ways are read day-first; set `dayfirst: false` if they",
            "# are month-first",
        ]
    found = ambiguous_dates(sample, most=1_000)
    if not found or _all_dotted(sample.astype("string")):
        return []
    return [
        f"# {column}: day or month first? {len(found)} of its dates read both ways (such as",
        "# 03/04 would) and none decides: ingest reads them day-first; set `dayfirst: false`",
        "# if they are month-first (an export of a month-first country, the US)",
    ]


def _zone_column(frame: pd.DataFrame) -> str | None:
    """The column that names each row's time zone: a zone header whose values are zones."""
    from linkgraph.ingest._zones import read_zone

    for c in frame.columns:
        if not _ZONE_HEADER.match(_words(str(c))):
            continue
        values = frame[c].dropna().astype(str).head(200)
        if len(values) and values.map(read_zone).notna().mean() >= 0.5:  # the header says so
            return str(c)
    return None


def _naive_time_note(frame: pd.DataFrame, info: dict[str, Any], region: str | None) -> list[str]:
    """A note for the draft when its times have a clock but no offset: read as UTC."""
    import pyarrow as pa
    import pyarrow.compute as pc

    from linkgraph.ingest._zones import example_zone
    from linkgraph.ingest.build import _NAIVE_CLOCK, header_time_zone

    for c, i in info.items():
        if i["field"] != "time" or header_time_zone(str(c)) is not None:
            continue  # a header that names its zone ("Date (UTC)") is read in it
        values = pa.array(frame[c].dropna().astype(str).head(200).tolist(), pa.string())
        if len(values) and pc.any(pc.match_substring_regex(values, _NAIVE_CLOCK)).as_py():
            # as ingest and `mapping check` propose it (build._file_zone): the region,
            # else the country of most rows; then the country the numbers name
            country = region or rows_country(frame, info) or _numbers_country(info)
            example = example_zone(country) or "Area/City"
            return [
                f"# {c}: times have no UTC offset and are read as UTC: set `timezone: {example}`",
                "# (the IANA zone where they were recorded) if they are local times.",
            ]
    return []


def _numbers_country(info: dict[str, Any]) -> str | None:
    """The country most of the file's international phone numbers name ("+380...",
    "00380...", "380..."), when it is more than half of them; else None."""
    found: Counter[str] = Counter()
    for i in info.values():
        if i["field"] != "phone":
            continue
        for v in i["values"]:
            p = str(v).strip()
            if p.startswith(("+", "00")) or _international(p):
                found[_country_of_international(p) or ""] += 1
    top = found.most_common(1)
    if not top or not top[0][0] or top[0][1] * 2 <= sum(found.values()):
        return None
    return top[0][0]


def _named_role(path: Path, sample: _Sample) -> tuple[str | None, str]:
    """The role of persons the sheet's name gives (whether or not the workbook has other
    sheets), else the file's name (a file of one table: not a workbook of several sheets),
    and which name gave it."""
    sheet = sample.chunk.layout.get("sheet") if sample.chunk is not None else None
    if sheet:
        role = _role_of(_words(str(sheet)))
        if role in _PEOPLE_ROLES:
            return role, "sheet's name"
    if sample.sheets == 1:
        role = _file_name_role(path.stem)
        if role is not None:
            return role, "file's name"
    return None, ""


def _mapped_columns(draft: _Draft, data: dict[str, Any]) -> set[str]:
    out: set[str] = set()

    def walk(x: Any) -> None:
        if isinstance(x, str):
            out.add(x)
        elif isinstance(x, dict):
            for k, v in x.items():
                if k == "type" and "fields" in x:
                    continue  # an entity's type; elsewhere ("attrs") a column's name
                if k not in (
                    "value", "fact", "kind", "src", "dst", "direction", "scope", "missing",
                    "except", "flag",
                ):  # fmt: skip
                    walk(v)
        elif isinstance(x, list):
            for v in x:
                walk(v)

    walk(draft.entities)
    walk(draft.links)
    return out
