import type { capture as en } from '../en/capture.js'

/** Japanese texts of passive discovery; the same keys and parameters as ../en/capture.ts. */
export const capture: { [K in keyof typeof en]: string } = {
  'problem.unknown-format':
    'パケットキャプチャではありません。先頭が pcap・pcapng・gzip のどの形式の印とも一致しません（{{detail}}）。Wireshark や tcpdump で .pcap か .pcapng として保存してください。',
  'problem.gzip-corrupt':
    '圧縮ファイルが壊れているか途中で切れています（{{detail}}）。{{offset}} バイト目までのパケットは読み込みました。',
  'problem.truncated':
    '{{offset}} バイト目でパケットの途中でファイルが終わっています（{{detail}}）。それより前のパケットはすべて読み込みました。コピーやキャプチャが途中で止まっていませんか。',
  'problem.absurd-length':
    '{{offset}} バイト目の記録が、ありえない長さを示しています（{{detail}}）。そこで読み込みを止め、それより前のパケットはすべて残しました。',
  'problem.corrupt-block-length':
    '{{offset}} バイト目の pcapng ブロックの長さの値が食い違っています（{{detail}}）。そこで読み込みを止め、それより前のパケットはすべて残しました。',
  'problem.unknown-link-type':
    'パケット {{packet}} は Mamori が解読しないリンク種別です（{{detail}}）。この種のパケットは数えるだけで、中身は見ていません。',
  'problem.unknown-interface':
    'パケット {{packet}} は、ファイルに記述のないインターフェースを指しています（{{detail}}）。このパケットは飛ばしました。',
  'problem.malformed-packet':
    'パケット {{packet}} は、自分のヘッダーが示す長さより短くなっています（{{detail}}）。このパケットは飛ばしました。',
  'problem.fragment-dropped':
    'パケット {{packet}} 付近の IP フラグメントを組み立てられませんでした（{{detail}}）。そのデータグラムは飛ばしました。',
  'problem.tcp-overlap-conflict':
    'パケット {{packet}} 付近で、同じ TCP データの二つの写しが食い違っています（{{detail}}）。多くの機器と同じく、先に届いた方を使いました。',
  'problem.flow-table-full':
    'パケット {{packet}} 付近で同時の通信が多すぎます（{{detail}}）。古くて止まっている通信は、それ以降数えるだけにしました。',
  'problem.dissector-error':
    'パケット {{packet}} を {{detail}} として解釈できませんでした。その通信は数えましたが、それ以上は見ていません。',
}
