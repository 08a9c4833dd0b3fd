#!/usr/bin/env python3
"""Extracts from the public self-description of the Passepartout WebAPI the facts the hub's ERP client depends on.

Source: the repository laninisimone/php-mexal-api (OpenAPI 3.1 files generated from a Mexal/Passcom installation,
build 88201, with the WebAPI manual v3.1): docs/api/openapi/<group>.yaml for the paths, verbs and parameters, and
docs/api/sorgenti/info/<resource>.json (what `GET /risorse/<resource>?info=true` answered) for the fields of a
resource, or the yaml's <Schema>Campo enum and schema properties where there is no info file (progressivi-articoli:
fields from the manual).

    python3 src/test/contracts/extract-webapi.py <checkout of php-mexal-api> [--commit <sha>]

writes src/test/resources/contracts/webapi-<group>.json: for each resource the hub uses, every operation the
description has (method, path template, query parameters, request body kind, answer kind) and every field (JSON
type; array dimension; whether, in a full document, it is a row field sent as [[row, value], ...]).
Needs PyYAML.
"""
import argparse
import json
import os
import sys

import yaml

# group file -> the resources of it the hub calls (WebApiClient, ErpPull, ErpPush, ErpOrderReader)
RESOURCES = {
    'clienti': ['clienti'],
    'articoli': ['articoli'],
    'alias-articoli': ['alias-articoli'],
    'indirizzi-spedizione': ['indirizzi-spedizione'],
    'progressivi-articoli': ['progressivi-articoli'],
    'documenti': ['documenti/ordini-clienti', 'documenti/ordini-clienti/righe',
                  'documenti/movimenti-magazzino', 'documenti/movimenti-magazzino/righe'],
    'dati-generali': ['dati-generali/pagamenti', 'dati-generali/listini', 'dati-generali/valute',
                      'dati-generali/esenzioni-iva', 'dati-generali/magazzini', 'dati-generali/gruppi-merceologici'],
}
INFO_TYPES = {'Alfanumerico': 'string', 'Numerico': 'integer', 'Numerico con virgola': 'number'}
# fields of a document's rows that the header also carries: in a full document they are header scalars
HEADER_LEVEL = {'sigla', 'serie', 'numero', 'cod_conto', 'data_documento', 'data_creazione', 'ora_creazione',
                'dt_var_sistema', 'ora_var_sistema'}


def resolve(spec, node):
    while isinstance(node, dict) and '$ref' in node:
        target = spec
        for part in node['$ref'].lstrip('#/').split('/'):
            target = target[part]
        node = target
    return node


def owns(resource, path):
    """Whether a path template is the resource's own (its list, search, record), not a sub-resource's."""
    base = '/' + resource
    if path == base or path == base + '/ricerca':
        return True
    if not path.startswith(base + '/'):
        return False
    rest = path[len(base) + 1:]
    return '/' not in rest and rest.startswith('{') and rest != 'ricerca'


def kind(method, path):
    if path.endswith('/ricerca'):
        return 'search'
    if path.endswith('}'):
        return {'get': 'read', 'put': 'update', 'delete': 'delete'}[method]
    return {'get': 'list', 'post': 'create'}[method]


def answer(spec, operation):
    for status, response in operation.get('responses', {}).items():
        content = resolve(spec, response).get('content', {}).get('application/json')
        if status.startswith('2') and content:
            name = content['schema'].get('$ref', '').rsplit('/', 1)[-1]
            if name.endswith('Colonnare'):
                return 'columns'
            if name.endswith('Lista'):
                return 'dati'
            return 'record'
    return 'none'


def campo_schema(operation):
    for parameter in operation.get('parameters', []):
        if parameter.get('name') == 'fields':
            return parameter['schema']['items'].get('$ref', '').rsplit('/', 1)[-1] or None
    return None


def yaml_fields(spec, campo):
    """Fields from <X>Campo and the properties of <X> (types), when there is no info file."""
    schemas = spec['components']['schemas']
    enum = schemas[campo]['enum']
    properties = schemas.get(campo[:-len('Campo')], {}).get('properties', {})
    fields = {}
    for name in enum:
        prop = properties.get(name, {})
        entry = {'type': prop.get('type', 'unknown')}
        if prop.get('type') == 'array':
            prefix = prop.get('items', {}).get('prefixItems', [])
            entry = {'type': prefix[1]['type'] if len(prefix) > 1 else 'unknown', 'array': prop.get('maxItems', 0)}
        fields[name] = entry
    return fields


def info_fields(path):
    with open(path, encoding='utf-8') as f:
        info = json.load(f)
    fields = {}
    for campo in info['campi']:
        entry = {'type': INFO_TYPES.get(campo['tipo'], 'string')}
        if campo.get('dimensione_array'):
            entry['array'] = int(campo['dimensione_array'])
        if campo.get('chiave'):
            entry['key'] = True
        fields.setdefault(campo['nome'], entry)
    return fields


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('checkout')
    parser.add_argument('--commit', default='unknown')
    parser.add_argument('--out', default=os.path.join(os.path.dirname(__file__), '..', 'resources', 'contracts'))
    parser.add_argument('--note', default='')
    args = parser.parse_args()
    for group, resources in RESOURCES.items():
        yaml_path = os.path.join(args.checkout, 'docs', 'api', 'openapi', group + '.yaml')
        with open(yaml_path, encoding='utf-8') as f:
            spec = yaml.safe_load(f)
        out = {'source': {'repository': 'laninisimone/php-mexal-api', 'commit': args.commit,
                          'file': 'docs/api/openapi/' + group + '.yaml', 'webapi_build': str(spec['info']['version']),
                          'manual': 'WebAPI v3.1', 'extracted_by': 'src/test/contracts/extract-webapi.py'},
               'resources': {}}
        if args.note:
            out['source']['note'] = args.note
        for resource in resources:
            operations = []
            campo = None
            for path, item in spec['paths'].items():
                if not owns(resource, path):
                    continue
                for method, operation in item.items():
                    if method not in ('get', 'post', 'put', 'delete'):
                        continue
                    params = [resolve(spec, p) for p in operation.get('parameters', [])]
                    operations.append({
                        'method': method.upper(), 'path': path, 'kind': kind(method, path),
                        'operationId': operation.get('operationId'),
                        'query': sorted(p['name'] for p in params if p.get('in') == 'query'),
                        'coordinates': any(p.get('name') == 'Coordinate-Gestionale' for p in params),
                        'answer': answer(spec, operation)})
                    campo = campo or campo_schema(operation)
            if not operations:
                sys.exit(f'{resource}: no operation in {yaml_path}')
            info_path = os.path.join(args.checkout, 'docs', 'api', 'sorgenti', 'info',
                                     resource.replace('/', '__') + '.json')
            if os.path.exists(info_path):
                fields, origin = info_fields(info_path), 'docs/api/sorgenti/info/' + os.path.basename(info_path)
            elif campo and campo in spec['components']['schemas']:
                fields, origin = yaml_fields(spec, campo), 'components/schemas/' + campo
            else:
                fields, origin = None, 'not described'
            entry = {'operations': operations, 'fieldsFrom': origin, 'fields': fields}
            # a full document (read, create, update) is its header's fields as scalars and its rows' as [[row, value]]
            rows_info = os.path.join(args.checkout, 'docs', 'api', 'sorgenti', 'info',
                                     (resource + '/righe').replace('/', '__') + '.json')
            if resource.startswith('documenti/') and os.path.exists(rows_info):
                entry['rowFields'] = {name: spec_ for name, spec_ in info_fields(rows_info).items()
                                      if name not in HEADER_LEVEL}
                entry['rowFieldsFrom'] = 'docs/api/sorgenti/info/' + os.path.basename(rows_info)
            out['resources'][resource] = entry
        target = os.path.join(args.out, 'webapi-' + group + '.json')
        with open(target, 'w', encoding='utf-8') as f:
            json.dump(out, f, indent=1, ensure_ascii=False)
            f.write('\n')
        print('wrote', os.path.normpath(target))


if __name__ == '__main__':
    main()
