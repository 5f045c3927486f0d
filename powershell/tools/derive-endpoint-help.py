#!/usr/bin/env python3
"""Derives powershell/catalog/EndpointHelp.psd1 from CIPP's OpenAPI spec.

For every endpoint the command catalog calls: the spec's description (what the endpoint does) and the shape of its
200 answer (an array of objects with some property names, or CIPP's standard Results message). Build-Commands.ps1
reads the file to write the commands' .DESCRIPTION and .OUTPUTS help; the spec itself is not shipped, so the
derived text is committed. Run again after updating the spec:

    python3 powershell/tools/derive-endpoint-help.py path/to/cipp-openapi.json
"""
import glob
import json
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PREFERRED = ['id', 'displayName', 'userPrincipalName', 'mail', 'defaultDomainName', 'customerId', 'name',
             'Name', 'DisplayName', 'UPN', 'PrimarySmtpAddress', 'primarySmtpAddress', 'createdDateTime',
             'state', 'status', 'Tenant', 'Identity', 'GUID', 'RowKey']


def literal(text):
    return "'" + text.replace("'", "''") + "'"


def shape(spec, op):
    schema = (op.get('responses', {}).get('200', {}).get('content', {})
              .get('application/json', {}).get('schema', {}))
    if schema.get('$ref', '').endswith('/StandardResults'):
        return 'Results', []
    if schema.get('type') == 'array':
        props = list((schema.get('items') or {}).get('properties', {}).keys())
        if props == ['Metadata', 'Results'] or props == ['Results', 'Metadata']:
            return 'GraphResults', []
        first = [p for p in PREFERRED if p in props]
        rest = [p for p in props if p not in first]
        return 'Array', (first + rest)[:6]
    if schema.get('type') == 'object':
        return 'Object', list(schema.get('properties', {}).keys())[:6]
    return '', []


def main():
    spec = json.load(open(sys.argv[1], encoding='utf-8'))
    paths = {k.lower(): v for k, v in spec['paths'].items()}
    used = set()
    for f in glob.glob(os.path.join(ROOT, 'catalog', 'commands', '*.psd1')):
        used.update(m.lower() for m in re.findall(r"Endpoint = '(/api/[^']+)'", open(f, encoding='utf-8').read()))
    lines = ['# Derived from CIPP\'s OpenAPI spec by powershell/tools/derive-endpoint-help.py; do not edit by hand.',
             '# Per endpoint: Description (what it does), Returns (Array, Object, Results, GraphResults) and',
             '# Properties (some properties of each returned object). Read by Build-Commands.ps1 for command help.',
             '@{', '    Endpoints = @{']
    for ep in sorted(used):
        item = paths.get(ep)
        if not item:
            continue
        op = next(iter(item.values()))
        desc = ' '.join((op.get('description') or '').split())
        returns, props = shape(spec, op)
        fields = []
        if desc:
            fields.append('Description = ' + literal(desc))
        if returns:
            fields.append('Returns = ' + literal(returns))
        if props:
            fields.append('Properties = ' + literal(', '.join(props)))
        if fields:
            lines.append('        %s = @{ %s }' % (literal(ep[len('/api/'):]), '; '.join(fields)))
    lines += ['    }', '}', '']
    out = os.path.join(ROOT, 'catalog', 'EndpointHelp.psd1')
    open(out, 'w', encoding='utf-8', newline='\n').write('\n'.join(lines))
    print('wrote', out, len(lines) - 7, 'endpoints')


if __name__ == '__main__':
    main()
