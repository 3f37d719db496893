import { get, type ClientRequest } from 'node:http'

export interface SseEvent {
  type: string
  data: string
  /** Which connection (1, 2, …) it arrived on. */
  connection: number
}

/**
 * What a wall's EventSource does, in the open: read `retry:`, `event:` and `data:` lines, and when
 * the stream ends or cannot be opened, wait the server's retry hint and connect again.
 */
export class ReconnectingSse {
  readonly events: SseEvent[] = []
  /** Connections that answered 200 with an event stream. */
  connections = 0
  /** Attempts that failed (refused, reset, or not 200). */
  failures = 0
  retryMs: number | null = null
  private request: ClientRequest | null = null
  private timer: ReturnType<typeof setTimeout> | null = null
  private closed = false
  private attempt = 0

  constructor(
    private readonly url: string,
    private readonly defaultRetryMs = 3_000,
  ) {
    this.open()
  }

  private open(): void {
    if (this.closed) return
    const attempt = ++this.attempt
    const again = () => this.again(attempt)
    let buffer = ''
    let type = 'message'
    let data: string[] = []
    const request = get(this.url, { headers: { accept: 'text/event-stream' } }, (response) => {
      if (response.statusCode !== 200) {
        this.failures++
        response.resume()
        response.on('end', again)
        return
      }
      this.connections++
      const connection = this.connections
      response.setEncoding('utf8')
      response.on('data', (chunk: string) => {
        buffer += chunk
        let newline: number
        while ((newline = buffer.indexOf('\n')) >= 0) {
          const line = buffer.slice(0, newline).replace(/\r$/, '')
          buffer = buffer.slice(newline + 1)
          if (line === '') {
            if (data.length) this.events.push({ type, data: data.join('\n'), connection })
            type = 'message'
            data = []
          } else if (line.startsWith('retry:')) {
            this.retryMs = Number(line.slice(6).trim())
          } else if (line.startsWith('event:')) {
            type = line.slice(6).trim()
          } else if (line.startsWith('data:')) {
            data.push(line.slice(5).replace(/^ /, ''))
          }
        }
      })
      response.on('close', again)
    })
    request.on('error', () => {
      this.failures++
      again()
    })
    this.request = request
  }

  /** Once per attempt, however many of error/end/close it sees. */
  private again(attempt: number): void {
    if (this.closed || this.timer || attempt !== this.attempt) return
    this.request = null
    this.timer = setTimeout(() => {
      this.timer = null
      this.open()
    }, this.retryMs ?? this.defaultRetryMs)
  }

  close(): void {
    this.closed = true
    if (this.timer) clearTimeout(this.timer)
    this.request?.destroy()
  }
}
