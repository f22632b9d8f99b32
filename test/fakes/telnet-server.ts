/** A fake telnetd: asks for TERMINAL-TYPE and offers ECHO (RFC 854), prints the banner once both are answered. */
import { type FakeServer, startTcpServer } from './tcp-server.js'

export const TELNET_BANNER = 'Debian GNU/Linux 12\r\nlab-monitor login: '

export function startFakeTelnet(): Promise<FakeServer & { answers: number[][] }> {
  const answers: number[][] = []
  return startTcpServer((socket) => {
    socket.write(Buffer.from([255, 253, 24, 255, 251, 1])) // IAC DO TERMINAL-TYPE, IAC WILL ECHO
    let got = Buffer.alloc(0)
    let printed = false
    socket.on('data', (d: Buffer) => {
      got = Buffer.concat([got, d])
      answers.push([...d])
      // Expect IAC WONT TERMINAL-TYPE and IAC DONT ECHO, as a real telnetd would before printing the prompt.
      const wont = got.includes(Buffer.from([255, 252, 24]))
      const dont = got.includes(Buffer.from([255, 254, 1]))
      if (wont && dont && !printed) {
        printed = true
        socket.write(TELNET_BANNER)
      }
    })
  }).then((s) => Object.assign(s, { answers }))
}
