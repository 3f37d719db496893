// Request logs must not carry credentials: a wall's display token travels as ?token= (an
// EventSource cannot send headers), and Open311 clients send ?api_key=.
const SECRET_PARAMS = ['token', 'api_key']

/** The URL with the values of credential query parameters replaced by "[redacted]". */
export function redactUrl(url: string): string {
  const query = url.indexOf('?')
  if (query < 0) return url
  const params = url
    .slice(query + 1)
    .split('&')
    .map((pair) => {
      const name = decodeURIComponentSafe(pair.split('=')[0])
      return SECRET_PARAMS.includes(name) ? `${pair.split('=')[0]}=[redacted]` : pair
    })
  return `${url.slice(0, query)}?${params.join('&')}`
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}

interface LoggedRequest {
  method: string
  url: string
  host?: string
  ip?: string
  socket?: { remotePort?: number }
}

/** Fastify's default request serializer, with the URL redacted. */
export const requestSerializer = (request: LoggedRequest) => ({
  method: request.method,
  url: redactUrl(request.url),
  host: request.host,
  remoteAddress: request.ip,
  remotePort: request.socket?.remotePort,
})
