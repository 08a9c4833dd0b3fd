#!/usr/bin/env python3
"""Extracts, from Magento's official REST schema, the facts the hub relies on for each Magento call it
makes (path, verb, query parameters, request body fields and their types, response fields and their
types) into src/test/resources/contracts/magento-<version>.json, which the contract tests check every
request of the hub's Magento client, and the Magento simulator, against.

Source: AdobeDocs/commerce-webapi, src/openapi/admin-schema-<version>.yaml (Swagger 2.0, Apache-2.0).
Get it with e.g.
    git clone --depth 1 https://github.com/AdobeDocs/commerce-webapi
and run
    scripts/contracts/magento_contract.py commerce-webapi/src/openapi/admin-schema-2.4.8.yaml 2.4.8 <commit>

Only the facts are kept, not the schema: field names are flattened to dotted paths, array elements
written "[]" (items[].order_item_id), object maps of a Swagger "additionalProperties" written "{}".
"""
import json
import sys

import yaml

# The calls the hub and its Magento simulator make (shop/magento/*, sandbox/magento/*), as the schema
# names them. A new call the hub makes must be added here, and the file regenerated.
OPERATIONS = [
    ("GET", "/V1/orders"),
    ("GET", "/V1/orders/{id}"),
    ("GET", "/V1/orders/{id}/comments"),
    ("POST", "/V1/orders/{id}/comments"),
    ("POST", "/V1/orders/{id}/cancel"),
    ("GET", "/V1/customers/{customerId}"),
    ("GET", "/V1/customers/search"),
    ("POST", "/V1/order/{orderId}/ship"),
    ("POST", "/V1/order/{orderId}/invoice"),
    ("GET", "/V1/shipments"),
    ("GET", "/V1/shipment/{id}"),
    ("GET", "/V1/invoices"),
    ("GET", "/V1/invoices/{id}"),
    # the catalogue channel (shop/magento/MagentoCatalogueChannel)
    ("GET", "/V1/products/{sku}"),
    ("POST", "/V1/products"),
    ("PUT", "/V1/products/{sku}"),
    ("GET", "/V1/stockItems/{productSku}"),
    ("PUT", "/V1/products/{productSku}/stockItems/{itemId}"),
    ("GET", "/V1/inventory/sources"),
    ("POST", "/V1/inventory/source-items"),
    ("POST", "/V1/products/base-prices"),
]

MAX_DEPTH = 11


def main():
    schema_file, version, commit = sys.argv[1], sys.argv[2], sys.argv[3] if len(sys.argv) > 3 else "unknown"
    with open(schema_file) as f:
        schema = yaml.safe_load(f)
    definitions = schema["definitions"]

    def resolve(node):
        seen = []
        while "$ref" in node:
            name = node["$ref"].split("/")[-1]
            seen.append(name)
            node = definitions[name]
        return node, seen

    def flatten(node, prefix, fields, stack, depth):
        node, refs = resolve(node)
        if any(r in stack for r in refs) or depth > MAX_DEPTH:
            fields[prefix] = "object"  # a cycle (parent_item) or too deep: the name is known, not its inside
            return
        stack = stack + refs
        kind = node.get("type", "object" if "properties" in node else None)
        if kind == "array":
            flatten(node.get("items", {}), prefix + "[]", fields, stack, depth + 1)
            return
        if kind == "object" or "properties" in node:
            if prefix:
                fields[prefix] = "object"
            for name, child in node.get("properties", {}).items():
                flatten(child, (prefix + "." if prefix else "") + name, fields, stack, depth + 1)
            if "additionalProperties" in node and isinstance(node["additionalProperties"], dict):
                flatten(node["additionalProperties"], (prefix + "." if prefix else "") + "{}", fields, stack, depth + 1)
            return
        fields[prefix] = kind or "any"

    operations = []
    for method, path in OPERATIONS:
        op = schema["paths"][path][method.lower()]
        query = sorted(p["name"] for p in op.get("parameters", []) if p.get("in") == "query")
        path_params = sorted(p["name"] for p in op.get("parameters", []) if p.get("in") == "path")
        body = {}
        required = []
        for p in op.get("parameters", []):
            if p.get("in") == "body":
                resolved, _ = resolve(p["schema"])
                required = sorted(resolved.get("required", []))
                flatten(p["schema"], "", body, [], 0)
        response = {}
        ok = op.get("responses", {}).get("200", {})
        if "schema" in ok:
            flatten(ok["schema"], "", response, [], 0)
        operations.append({
            "method": method, "path": path, "operationId": op.get("operationId"),
            "pathParameters": path_params, "query": query,
            "body": dict(sorted(body.items())), "bodyRequired": required,
            "response": dict(sorted(response.items())),
        })

    out = {
        "source": "AdobeDocs/commerce-webapi src/openapi/admin-schema-%s.yaml" % version,
        "sourceCommit": commit,
        "magentoVersion": version,
        "swagger": schema.get("swagger"),
        "basePath": schema.get("basePath"),
        "generatedBy": "scripts/contracts/magento_contract.py",
        "operations": operations,
    }
    target = "src/test/resources/contracts/magento-%s.json" % version
    with open(target, "w") as f:
        json.dump(out, f, indent=1, sort_keys=False)
        f.write("\n")
    print("wrote", target, len(operations), "operations")


if __name__ == "__main__":
    main()
