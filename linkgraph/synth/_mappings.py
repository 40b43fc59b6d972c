"""The mapping YAML of each synthetic export (docs/mapping.md) and the case's pipeline.yaml."""

from __future__ import annotations

ARRESTS = """\
# Federal police arrest records: one row per person recorded at an arrest.
# Co-arrested people share arrest_id; phones holds every number found on the person.
format: csv
agency: Bundespolizei (DE)
region: DE
dayfirst: true
timezone: Europe/Berlin
entities:
  person:
    type: person
    fields:
      given_name: first_name
      family_name: surname
      dob: date_of_birth
      sex: sex
      nationality: nationality
      document: id_document
      role: status
  phone:
    type: phone
    fields:
      phone: phones
    split: ";"
  arrest:
    type: event
    fields:
      identifier: arrest_id
      time: {columns: [arrest_date, arrest_time], join: " "}
      place: place
      offence: offence
links:
  - {kind: uses_phone, src: person, dst: phone}
  - kind: involved_in
    src: person
    dst: arrest
    time: {columns: [arrest_date, arrest_time], join: " "}
"""

HOTLINE = """\
# NGO hotline reports (sheet "Reports"): who called, the victim, the suspect and the
# suspect's numbers. caller_name is empty when the victim called herself.
format: xlsx
sheet: Reports
agency: NGO hotline (UA)
region: UA
dayfirst: true
timezone: Europe/Kyiv
entities:
  caller:
    type: person
    fields:
      name: caller_name
      role: {value: reporter}
      relation: caller_relation
  caller_phone:
    type: phone
    fields:
      phone: caller_phone
  victim:
    type: person
    fields:
      name: victim_name
      city: location
      role: {value: victim}
      age: victim_age
  victim_phone:
    type: phone
    fields:
      phone: victim_phone
  suspect:
    type: person
    fields:
      name: suspect_name
      alias: suspect_alias
      role: {value: suspect}
  suspect_phone:
    type: phone
    fields:
      phone: suspect_phones
    split: ";"
links:
  - {kind: reported, src: caller, dst: suspect, time: received}
  - {kind: victim_of, src: victim, dst: suspect, time: received}
  - {kind: uses_phone, src: caller, dst: caller_phone}
  - {kind: uses_phone, src: victim, dst: victim_phone}
  - {kind: uses_phone, src: suspect, dst: suspect_phone}
"""

TRANSACTIONS = """\
# Money transfers reported by a financial-intelligence unit. A holder is a natural person
# (from_holder / to_holder) or a company (from_company / to_company). Dates are mm/dd/yyyy.
format: csv
agency: FIU money transfers
region: NL
dayfirst: false
timezone: UTC
entities:
  payer:
    type: person
    fields:
      name: from_holder
  payer_org:
    type: organisation
    fields:
      name: from_company
  from_account:
    type: account
    fields:
      account: from_iban
  payee:
    type: person
    fields:
      name: to_holder
  payee_org:
    type: organisation
    fields:
      name: to_company
  to_account:
    type: account
    fields:
      account: to_iban
links:
  - {kind: holds_account, src: payer, dst: from_account}
  - {kind: holds_account, src: payer_org, dst: from_account}
  - {kind: holds_account, src: payee, dst: to_account}
  - {kind: holds_account, src: payee_org, dst: to_account}
  - kind: paid
    src: from_account
    dst: to_account
    time: value_date
    amount: amount
    currency: currency
"""

CDR = """\
# Call-detail records of the intercepted lines. Numbers are international (+ or 00);
# the subscriber name is given where the line is registered, first seen in the export.
format: csv
agency: JIT call records
region: UA
dayfirst: false
timezone: UTC
entities:
  caller:
    type: phone
    fields:
      phone: caller
      cell_id: cell_id
  callee:
    type: phone
    fields:
      phone: callee
  caller_subscriber:
    type: person
    fields:
      name: caller_subscriber
  callee_subscriber:
    type: person
    fields:
      name: callee_subscriber
links:
  - {kind: called, src: caller, dst: callee, time: start_time, weight: duration_s}
  - {kind: uses_phone, src: caller_subscriber, dst: caller}
  - {kind: uses_phone, src: callee_subscriber, dst: callee}
"""

ADS = """\
# Scraped online ads, one JSON object per line; "phones" is a list (one mention each).
format: jsonl
agency: Online ads scrape
region: DE
dayfirst: false
timezone: UTC
entities:
  ad:
    type: ad
    fields:
      identifier: ad_id
      time: posted
      site: site
      title: title
      text: text
      city: city
      handle: handle
      price: price
  phone:
    type: phone
    fields:
      phone: phones
  email:
    type: email
    fields:
      email: email
links:
  - {kind: ad_contact, src: ad, dst: phone, time: posted}
  - {kind: ad_contact, src: ad, dst: email, time: posted}
"""

#: Mapping YAML text by export name (the file is ``mappings/<name>.yaml``).
MAPPINGS = {
    "arrests": ARRESTS,
    "hotline": HOTLINE,
    "transactions": TRANSACTIONS,
    "cdr": CDR,
    "ads": ADS,
}

PIPELINE_YAML = """\
# The synthetic sample case: `linkgraph run pipeline.yaml` (paths relative to this file).
sources:
  - {path: arrests.csv, mapping: mappings/arrests.yaml}
  - {path: hotline.xlsx, mapping: mappings/hotline.yaml}
  - {path: transactions.csv, mapping: mappings/transactions.yaml}
  - {path: cdr.csv, mapping: mappings/cdr.yaml}
  - {path: ads.jsonl, mapping: mappings/ads.yaml}
out: linkgraph-out
"""
