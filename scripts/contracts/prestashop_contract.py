#!/usr/bin/env python3
"""Extracts, from the PrestaShop project's own webservice documentation, the facts the hub and its
PrestaShop simulator rely on for each webservice resource they use (allowed methods, fields, required
fields, fields that cannot be written or filtered, multi-language fields, associations, the XML node
names) into src/test/resources/contracts/prestashop-8.json, which the contract tests check every request
sent to the PrestaShop simulator, and the simulator's answers, against.

Sources:
  * PrestaShop/docs, branch 8.x (devdocs.prestashop-project.org/8/webservice/, CC BY-SA):
    webservice/resources/<resource>.md (field tables and blank XML schemas) and webservice/reference.md
    (the table of resources whose methods differ from GET/POST/PUT/PATCH/DELETE/HEAD). Parsed below.
  * PrestaShop/PrestaShop classes/webservice/WebserviceRequest.php and SQLUtils.php (OSL-3.0): the query
    grammar (filter, display, sort, limit, date=1) and the error codes. Those are behaviour, not data, so
    they are written out below as facts read from that code (QUERY_GRAMMAR, ERRORS), each naming the
    function it comes from; no PrestaShop code is copied.

Get the documentation with e.g.
    git clone --branch 8.x https://github.com/PrestaShop/docs prestashop-docs
and run
    scripts/contracts/prestashop_contract.py prestashop-docs <commit>
The first argument may also be a bare git directory (the file is then read at <commit> with git show).
"""
import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

# The resources the hub and its PrestaShop simulator use (shop/prestashop/*, sandbox/prestashop/*).
# A new resource the hub calls must be added here, and the file regenerated.
RESOURCES = [
    "orders", "order_details", "order_histories", "order_carriers", "order_states",
    "customers", "addresses", "countries", "states", "currencies", "carriers", "configurations",
    "products", "stock_availables",
]

CODE_SOURCE = "PrestaShop/PrestaShop classes/webservice/WebserviceRequest.php, classes/webservice/SQLUtils.php"
CODE_COMMITS = {
    "classes/webservice/WebserviceRequest.php": "017c1cf26a7ba1ba2072efe0ca56f016cd80424b",
    "classes/webservice/SQLUtils.php": "1097b695199b6e1d4d7c3d32a98420be06324195",
}

ALL_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD"]

# Query parameters the webservice reads (WebserviceRequest::fetch/manageFilters/setFieldsToDisplay,
# webservice/dispatcher.php; PSD getting-started.md and cheat-sheet.md). "filter[<field>]" stands for any
# field of the resource.
QUERY_PARAMETERS = {
    "display": "full | minimum | [field,field,association[field,...]] (setFieldsToDisplay; else 400 code 36, "
               "an unknown field 400 code 35)",
    "filter[<field>]": "see filterGrammar; an unknown field is 400 code 32, an empty value 400 code 33, "
                       "a field the docs mark not filterable (a getter) 400 code 34",
    "sort": "field_ASC|field_DESC or [field_DIR,field_DIR,...] (else 400 code 37); the field must be filterable "
            "(else 400 code 38)",
    "limit": "n or offset,n; more than two parts is 400 code 39; each part is cast to an integer",
    "date": "1 makes date_add and date_upd filterable and sortable; without it a filter on them is 400 code 32",
    "output_format": "JSON or XML (XML by default); the header Output-Format does the same",
    "io_format": "as output_format; the header Io-Format does the same",
    "language": "an id, [id|id] or [from,to]: the languages of multi-language fields (400 codes 78-80)",
    "schema": "blank | synopsis (else 400 code 28)",
    "sendemail": "1 on order_histories POST and order_carriers PUT/PATCH: e-mail the customer",
    "id_shop": "a shop id or all (multistore)",
    "id_group_shop": "a shop group id (multistore; WebserviceRequest::groupShopExists reads id_group_shop, "
                     "as the docs' cheat-sheet names it; a stock row's field is id_shop_group)",
    "price": "price[<name>][<option>]=...: computed prices on products",
    "ws_key": "the key in the query string (discouraged: it ends up in logs)",
    "ps_method": "overrides the HTTP method",
}

# SQLUtils::getSQLRetrieveFilter: how one filter value becomes SQL.
FILTER_GRAMMAR = [
    {"syntax": "value", "sql": "= value"},
    {"syntax": "[value]", "sql": "= value"},
    {"syntax": "[a|b|c]", "sql": "= a OR = b OR = c"},
    {"syntax": "[a,b]", "sql": "BETWEEN min(a,b) AND max(a,b) (string order, both ends inclusive)",
     "boundPattern": "^[\\d.:\\-\\s]+$",
     "note": "only digits, '.', ':', '-' and spaces in each bound; otherwise the whole 'a,b' is one = value"},
    {"syntax": ">[v]", "sql": "> v (strict; there is no >=)"},
    {"syntax": "<[v]", "sql": "< v (strict)"},
    {"syntax": "![v] or ![a|b]", "sql": "!= each value"},
    {"syntax": "%[v]", "sql": "LIKE %v"},
    {"syntax": "[v]%", "sql": "LIKE v%"},
    {"syntax": "%[v]%", "sql": "LIKE %v%"},
]
FILTER_VALUE_PATTERN = "^(|%|>|<|!)\\[(.*)\\](|%)$|^[^\\[\\]]*$"

# WebserviceRequest.php: HTTP status and webservice error code of each refusal the hub can meet.
ERRORS = [
    (401, 16, "Please enter the authentication key as the login. No password required", "authenticate"),
    (401, 17, "Authentication key is empty", "authenticate"),
    (401, 18, "Invalid authentication key format", "authenticate (the key is not 32 characters)"),
    (401, 20, "Authentification key is not active", "authenticate"),
    (401, 21, "No permission for this authentication key", "authenticate"),
    (503, 22, "The PrestaShop webservice is disabled. Please activate it in the PrestaShop Back Office", "isActivated"),
    (405, 23, "Method <M> is not valid", "checkHTTPMethod"),
    (405, 25, "Method <M> is not allowed for the resource <r> with this authentication key", "checkHTTPMethod"),
    (401, 26, "Resource of type \"<r>\" is not allowed with this authentication key", "checkResource"),
    (400, 27, "Resource of type \"<r>\" does not exists. Did you mean: ...", "checkResource"),
    (400, 28, "Please select a schema of type 'synopsis' ... or 'blank' ...", "manageFilters"),
    (400, 32, "This filter does not exist. Did you mean: ...", "manageFilters"),
    (400, 33, "The filter \"<f>\" is malformed.", "manageFilters"),
    (400, 34, "The field \"<f>\" is dynamic. It is not possible to filter GET query with this field.", "manageFilters"),
    (400, 35, "Unable to display this field \"<f>\". However, these are available: ...", "setFieldsToDisplay"),
    (400, 36, "The 'display' syntax is wrong. You can set 'full' or '[field_1,field_2,field_3,...]'. ...", "setFieldsToDisplay"),
    (400, 37, "The \"sort\" value has to be formed as this example: \"field_ASC\" or '[field_1_DESC,field_2_ASC,field_3_ASC,...]' (\"field\" has to be an available field)", "manageFilters"),
    (400, 38, "Unable to filter by this field. However, these are available: ...", "manageFilters"),
    (400, 39, "The \"limit\" value has to be formed as this example: \"5,25\" or \"10\"", "manageFilters"),
    (400, 41, "parameter \"<f>\" required", "saveEntityFromXml"),
    (500, 46, "Unable to save resource", "saveEntityFromXml (the object's add/update returned false)"),
    (400, 84, "Validation error: \"...\"", "saveEntityFromXml (multi-language fields)"),
    (400, 85, "Validation error: \"...\"", "saveEntityFromXml"),
    (400, 86, "The association \"<a>\" does not exists", "saveEntityFromXml"),
    (404, 87, "Id(s) not exists: <ids>", "setObjects / executeEntityDelete"),
    (400, 89, "id is duplicate in request", "saveEntityFromXml (PUT, PATCH)"),
    (400, 90, "id is required when modifying a resource", "saveEntityFromXml (PUT, PATCH)"),
    (400, 91, "id is forbidden when adding a new resource", "saveEntityFromXml (POST)"),
    (404, 92, "Invalid ID", "saveEntityFromXml (PUT, PATCH of an id that does not exist)"),
    (400, 93, "parameter \"<f>\" not writable. Please remove this attribute of this XML", "saveEntityFromXml"),
    (405, 101, "Method <M> is not allowed for the resource <r>", "checkHTTPMethod (forbidden_method)"),
    (500, 127, "XML error : ...", "saveEntityFromXml (the body is not XML)"),
    (404, 131, "This <Class> (<id>) does not exists on this shop", "getFilteredObjectDetails"),
    (403, 132, "No permission for this key on this shop", "shopHasRight"),
]

BEHAVIOUR = {
    "authentication": "HTTP Basic, the 32-character key as user name, empty password; refusals answer 401 with "
                      "WWW-Authenticate: Basic realm=... (authenticate)",
    "checkOrder": "webservice enabled (503) -> key (401) -> resource exists (400 27) / allowed for the key (401 26) "
                  "-> method valid (405 23) / not forbidden for the resource (405 101) / allowed for the key (405 25)",
    "listWithoutDisplay": "a list without display gives ids only",
    "singleWithoutDisplay": "GET /api/<resource>/<id> without display is display=full (getFilteredObjectDetails)",
    "missingSingle": "GET /api/<resource>/<id> of an id that does not exist: 404 with no error body",
    "putClearsAbsentFields": "PUT sets every non-required field absent from the XML to null; PATCH only touches "
                             "the fields present (saveEntityFromXml)",
    "writeStatus": {"POST": 201, "PUT": 200, "PATCH": 200},
    "input": "XML only (as of 8.1 the webservice outputs JSON but cannot read it; PSD getting-started.md)",
    "errorEnvelopeXml": "<prestashop xmlns:xlink=\"http://www.w3.org/1999/xlink\"><errors><error><code><![CDATA[n]]>"
                        "</code><message><![CDATA[...]]></message></error></errors></prestashop>",
    "errorEnvelopeJson": "{\"errors\":[{\"code\":n,\"message\":\"...\"}]}",
}

# The hub's own rules on top of the webservice's (issue 14): never ask for these in display.
HUB_POLICY = {"displayNever": ["passwd", "secure_key"]}


def read(source, commit, path):
    if os.path.isdir(os.path.join(source, path.split("/")[0])):
        with open(os.path.join(source, path), encoding="utf-8") as f:
            return f.read()
    return subprocess.run(["git", "--git-dir", source, "show", "%s:%s" % (commit, path)], check=True,
                          capture_output=True, text=True).stdout


def cells(line):
    return [c.strip() for c in line.strip().strip("|").split("|")]


def yes(cell):
    return "✔" in cell


def parse_resource(text):
    lines = text.splitlines()
    header = None
    fields = {}
    for line in lines:
        if not line.startswith("|"):
            if header and fields:
                break
            continue
        row = cells(line)
        if header is None:
            header = [h.lower() for h in row]
            continue
        if set(row[0]) <= set(":- "):
            continue
        name = row[0].strip("*")
        col = dict(zip(header, row))
        fields[name] = {
            "format": col.get("format", "") or None,
            "required": yes(col.get("required", "")),
            "writable": yes(col["writable"]) if "writable" in col else True,
            "filterable": col.get("not filterable", "").lower() != "true",
            "maxSize": int(col["max size"]) if col.get("max size", "").isdigit() else None,
        }
    schema = re.search(r"```xml\n(.*?)```", text, re.S).group(1)
    root = ET.fromstring(schema)
    node = root[0]
    blank = {}
    associations = {}
    for child in node:
        if child.tag == "associations":
            for assoc in child:
                element = assoc[0] if len(assoc) else None
                associations[assoc.tag] = {
                    "node": element.tag if element is not None else None,
                    "fields": [f.tag for f in element] if element is not None else [],
                }
        else:
            blank[child.tag] = any(grand.tag == "language" for grand in child)
    fields.pop("associations", None)
    out = {"node": node.tag, "fields": {}}
    # the blank schema's order is the order PrestaShop renders the fields in
    for name, i18n in blank.items():
        facts = fields.get(name, {"format": None, "required": False, "writable": True, "filterable": True,
                                  "maxSize": None})
        if name == "id":
            facts = {"format": "isUnsignedId", "required": False, "writable": True, "filterable": True,
                     "maxSize": None}
        facts["i18n"] = i18n
        out["fields"][name] = facts
    # read-only fields (product quantity, manufacturer_name) are in the table and in GET answers but not
    # in the blank schema, which is what one may send
    for name in sorted(set(fields) - set(blank)):
        if fields[name]["writable"]:
            raise SystemExit("%s: writable field %s is missing from the blank schema" % (node.tag, name))
        out["fields"][name] = dict(fields[name], i18n=False)
    out["associations"] = associations
    return out


def method_exceptions(reference):
    table = {}
    lines = reference.splitlines()
    start = next(i for i, l in enumerate(lines) if l.startswith("| Key"))
    header = cells(lines[start])
    for line in lines[start + 2:]:
        if not line.startswith("|"):
            break
        row = cells(line)
        table[row[0]] = [m for m, c in zip(header[1:], row[1:]) if "✅" in c]
    return table


def main():
    source, commit = sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else "unknown"
    exceptions = method_exceptions(read(source, commit, "webservice/reference.md"))
    resources = {}
    for name in RESOURCES:
        facts = parse_resource(read(source, commit, "webservice/resources/%s.md" % name))
        facts["methods"] = exceptions.get(name, ALL_METHODS)
        facts["source"] = "webservice/resources/%s.md" % name
        resources[name] = facts
    out = {
        "source": "PrestaShop/docs webservice/ (branch 8.x)",
        "sourceCommit": commit,
        "codeSource": CODE_SOURCE,
        "codeCommits": CODE_COMMITS,
        "prestashopVersion": "8",
        "generatedBy": "scripts/contracts/prestashop_contract.py",
        "basePath": "/api",
        "queryParameters": QUERY_PARAMETERS,
        "filterValuePattern": FILTER_VALUE_PATTERN,
        "filterGrammar": FILTER_GRAMMAR,
        "sortPattern": "^(\\[[A-Za-z0-9_]+_(ASC|DESC)(,[A-Za-z0-9_]+_(ASC|DESC))*\\]|[A-Za-z0-9_]+_(ASC|DESC))$",
        "limitPattern": "^\\d+(,\\d+)?$",
        "displayPattern": "^(full|minimum|\\[.*\\])$",
        "dateFields": ["date_add", "date_upd"],
        "errors": [{"status": s, "code": c, "message": m, "where": w} for s, c, m, w in ERRORS],
        "behaviour": BEHAVIOUR,
        "hubPolicy": HUB_POLICY,
        "resources": resources,
    }
    target = "src/test/resources/contracts/prestashop-8.json"
    with open(target, "w", encoding="utf-8") as f:
        json.dump(out, f, indent=1, ensure_ascii=False)
        f.write("\n")
    print("wrote", target, len(resources), "resources")


if __name__ == "__main__":
    main()
