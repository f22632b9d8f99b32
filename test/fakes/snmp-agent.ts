/**
 * A real SNMP agent for tests: net-snmp's agent on 127.0.0.1, so the probe's hand-written BER codec is checked
 * against an independent implementation. Only the configured communities are answered.
 */
import dgram from 'node:dgram'
import snmp from 'net-snmp'

export interface FakeSnmp {
  port: number
  close(): Promise<void>
}

async function freeUdpPort(): Promise<number> {
  const s = dgram.createSocket('udp4')
  await new Promise<void>((resolve) => s.bind(0, '127.0.0.1', resolve))
  const { port } = s.address()
  await new Promise<void>((resolve) => s.close(() => resolve()))
  return port
}

export async function startFakeSnmp(
  communities: string[],
  sysDescr = 'Linux lab-monitor 6.1.0-18-amd64 #1 SMP x86_64',
): Promise<FakeSnmp> {
  const port = await freeUdpPort()
  const agent = snmp.createAgent(
    {
      port,
      address: '127.0.0.1',
      transport: 'udp4',
      disableAuthorization: false,
      accessControlModelType: snmp.AccessControlModelType.None,
    },
    () => undefined, // wrong communities are reported here; silence is the point
  )
  for (const c of communities) agent.getAuthorizer().addCommunity(c)
  const scalars: [string, string, number, string][] = [
    ['sysDescr', '1.3.6.1.2.1.1.1', snmp.ObjectType.OctetString, sysDescr],
    ['sysObjectID', '1.3.6.1.2.1.1.2', snmp.ObjectType.OID, '1.3.6.1.4.1.8072.3.2.10'],
    ['sysName', '1.3.6.1.2.1.1.5', snmp.ObjectType.OctetString, 'lab-monitor'],
  ]
  for (const [name, oid, scalarType, value] of scalars) {
    agent.registerProvider({
      name,
      type: snmp.MibProviderType.Scalar,
      oid,
      scalarType,
      maxAccess: snmp.MaxAccess['read-only'] ?? 1,
    })
    agent.getMib().setScalarValue(name, value)
  }
  // Give the agent's socket a moment to bind.
  await new Promise((r) => setTimeout(r, 100))
  return { port, close: () => new Promise<void>((resolve) => agent.close(() => resolve())) }
}
