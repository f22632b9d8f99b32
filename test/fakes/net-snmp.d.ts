/** The part of net-snmp (which ships no types) that the fake SNMP agent uses. */
declare module 'net-snmp' {
  interface Agent {
    getAuthorizer(): { addCommunity(community: string): void }
    registerProvider(provider: { name: string; type: number; oid: string; scalarType: number; maxAccess: number }): void
    getMib(): { setScalarValue(name: string, value: string | number): void }
    close(callback?: () => void): void
  }
  const snmp: {
    createAgent(options: Record<string, unknown>, callback: (error: Error | null) => void): Agent
    AccessControlModelType: { None: number }
    MibProviderType: { Scalar: number }
    ObjectType: { OctetString: number; OID: number }
    MaxAccess: Record<string, number>
  }
  export default snmp
}
