/** A fake FTP server (RFC 959 replies only): banner, USER/PASS with or without anonymous login, QUIT. */
import { type FakeServer, startTcpServer } from './tcp-server.js'

export interface FakeFtpOptions {
  anonymous: boolean
  /** '421' closes right after a "421 too many users" banner. */
  banner?: 'normal' | 'multiline' | '421'
}

export function startFakeFtp(opts: FakeFtpOptions): Promise<FakeServer> {
  return startTcpServer((socket) => {
    if (opts.banner === '421') {
      socket.end('421 Too many users, try later.\r\n')
      return
    }
    socket.write(
      opts.banner === 'multiline'
        ? '220-Welcome to the lab\r\n220-Authorised use only\r\n220 FakeFTPd 1.0\r\n'
        : '220 (FakeFTPd 1.0)\r\n',
    )
    let buf = ''
    socket.on('data', (d: Buffer) => {
      buf += d.toString('latin1')
      let eol = buf.indexOf('\r\n')
      while (eol >= 0) {
        const line = buf.slice(0, eol)
        buf = buf.slice(eol + 2)
        const [cmd = ''] = line.split(' ')
        if (cmd === 'USER') socket.write('331 Please specify the password.\r\n')
        else if (cmd === 'PASS') socket.write(opts.anonymous ? '230 Login successful.\r\n' : '530 Login incorrect.\r\n')
        else if (cmd === 'QUIT') socket.end('221 Goodbye.\r\n')
        else socket.write('500 Unknown command.\r\n')
        eol = buf.indexOf('\r\n')
      }
    })
  })
}
