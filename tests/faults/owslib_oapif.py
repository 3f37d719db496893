"""Reads our OGC API - Features with OWSLib, as an outside Python user would, and prints what it
read as JSON for tests/faults/owslib-oapif.test.ts to compare with the database.

Usage: owslib_oapif.py LANDING_PAGE_URL BEARER_TOKEN DATETIME_INTERVAL OPEN_INTERVAL
Runs with Debian's python3 (python3-owslib)."""
import json
import sys

from owslib.ogcapi.features import Features

PAGE = 1000


def read_all(api, collection_id, **filters):
    """Every feature of a collection under the filters, page by page (OWSLib does not follow next links)."""
    ids, offset = [], 0
    while True:
        page = api.collection_items(collection_id, limit=PAGE, offset=offset, **filters)
        ids.extend(feature['id'] for feature in page['features'])
        if page['numberReturned'] < PAGE:
            return {'ids': len(ids), 'distinct': len(set(ids)), 'numberMatched': page['numberMatched']}
        offset += PAGE


def main():
    url, token, interval, open_interval = sys.argv[1:5]
    api = Features(url, headers={'Authorization': f'Bearer {token}'})
    collections = [c['id'] for c in api.collections()['collections']]
    result = {
        'landing': [link['rel'] for link in api.links],
        'openapi': api.api()['openapi'],
        'conformance': api.conformance()['conformsTo'],
        'collections': collections,
        'featureCollections': api.feature_collections(),
        'queryables': {c: list(api.collection_queryables(c)['properties']) for c in collections},
        'all': {c: read_all(api, c) for c in collections},
        'inInterval': {c: read_all(api, c, datetime=interval) for c in collections},
        'fromStart': api.collection_items('incidents', datetime=open_interval, limit=1)['numberMatched'],
        'trafficInInterval': api.collection_items('incidents', datetime=interval, category='traffic', limit=1)['numberMatched'],
    }
    json.dump(result, sys.stdout)


if __name__ == '__main__':
    main()
