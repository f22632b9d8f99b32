/**
 * English texts of passive discovery (`capture.*`; src/passive/): each problem a capture file can have, said so
 * that a clinical engineer knows what happened to the rest of the file. Parameters: `{{offset}}` (byte offset in
 * the decompressed file), `{{packet}}` (packet number as Wireshark counts), `{{detail}}` (the value seen).
 */
export const capture = {
  'problem.unknown-format':
    'This is not a packet capture: the first bytes are no pcap, pcapng or gzip signature ({{detail}}). Save the capture from Wireshark or tcpdump as .pcap or .pcapng.',
  'problem.gzip-corrupt':
    'The compressed file is damaged or cut short ({{detail}}); the packets before byte {{offset}} were read.',
  'problem.truncated':
    'The file ends in the middle of a packet at byte {{offset}} ({{detail}}); every packet before it was read. Was the copy or the capture stopped early?',
  'problem.absurd-length':
    'At byte {{offset}} a record claims an impossible length ({{detail}}); reading stopped there and every packet before it was kept.',
  'problem.corrupt-block-length':
    'At byte {{offset}} a pcapng block has inconsistent length fields ({{detail}}); reading stopped there and every packet before it was kept.',
  'problem.unknown-link-type':
    'Packet {{packet}} uses a link type Mamori does not decode ({{detail}}); such packets are counted but not looked into.',
  'problem.unknown-interface':
    'Packet {{packet}} refers to an interface the file never described ({{detail}}); it was skipped.',
  'problem.malformed-packet': 'Packet {{packet}} is shorter than its own headers say ({{detail}}); it was skipped.',
  'problem.fragment-dropped':
    'IP fragments around packet {{packet}} could not be put together ({{detail}}); that datagram was skipped.',
  'problem.tcp-overlap-conflict':
    'Around packet {{packet}} two copies of the same TCP bytes differ ({{detail}}); the first copy was used, as most devices do.',
  'problem.flow-table-full':
    'Too many connections at once around packet {{packet}} ({{detail}}); the oldest idle ones were only counted from then on.',
  'problem.dissector-error':
    'Packet {{packet}} could not be interpreted as {{detail}}; that connection was counted but not looked into further.',
} as const
