# Regenerates send-message-schemas.json from Meta's OpenAPI spec (facebook/openapi @ ecba623,
# business-messaging-api_v23.0.yaml): the schemas of POST /{phone-number-id}/messages and everything
# they reference, with prose (description, example, summary) stripped.
# Usage: python3 extract.py <path-to-business-messaging-api_v23.0.yaml>
import json, sys, yaml
spec = yaml.safe_load(open(sys.argv[1]))
schemas = spec['components']['schemas']
roots = ['BaseMessageProperties', 'TextMessage', 'AudioMessage', 'VideoMessage', 'DocumentMessage', 'ImageMessage',
         'LocationMessage', 'StickerMessage', 'ReactionMessage', 'InteractiveMessage', 'TemplateMessage',
         'ContactsMessage', 'MessageRequest']
out, todo = {}, list(roots)
def strip(node):
    if isinstance(node, dict):
        res = {}
        for k, v in node.items():
            if k in ('description', 'example', 'examples', 'summary', 'discriminator') and not isinstance(v, dict) or k in ('example', 'examples'):
                continue
            if k == '$ref':
                name = v.split('/')[-1]
                if name not in out and name not in todo:
                    todo.append(name)
            res[k] = strip(v)
        return res
    if isinstance(node, list):
        return [strip(x) for x in node]
    return node
while todo:
    n = todo.pop()
    if n not in out:
        out[n] = strip(schemas[n])
json.dump({'components': {'schemas': dict(sorted(out.items()))}}, open('send-message-schemas.json', 'w'), indent=1, sort_keys=True)
print(len(out), 'schemas')
