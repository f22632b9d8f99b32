/**
 * A release date as forms hold it → ISO yyyy-mm-dd, or null: a date cell (already yyyy-mm-dd), an Excel serial
 * number (days since 1899-12-30 in the 1900 date system, which NEMA's own example uses), or text: 2024-04-01,
 * 2024/4/1, 2024.04.01, 2024年4月1日, 令和6年4月1日, 1-Apr-2024, April 1, 2024 and the US 4/1/2024 (MDS2 is a US form).
 */

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec']
const ERAS: Readonly<Record<string, number>> = { 令和: 2018, 平成: 1988, R: 2018, H: 1988 }

function iso(y: number, m: number, d: number): string | null {
  if (y < 1990 || y > 2100 || m < 1 || m > 12 || d < 1 || d > 31) return null
  const t = new Date(Date.UTC(y, m - 1, d))
  if (t.getUTCMonth() !== m - 1) return null
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`
}

export function readDate(raw: string): string | null {
  const t = raw.normalize('NFKC').trim()
  if (t === '') return null
  // Serial numbers: 1990-01-01 is 32874, 2100-01-01 is 73051.
  if (/^\d{5}(\.\d+)?$/.test(t)) {
    const serial = Math.floor(Number(t))
    if (serial < 32874 || serial > 73051) return null
    const d = new Date(Date.UTC(1899, 11, 30) + serial * 86_400_000)
    return iso(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate())
  }
  let m = /^(\d{4})[-/.年]\s*(\d{1,2})[-/.月]\s*(\d{1,2})日?(?:[ T].*)?$/.exec(t)
  if (m) return iso(Number(m[1]), Number(m[2]), Number(m[3]))
  m = /^(令和|平成|R|H)\s*(\d{1,2}|元)[年.]\s*(\d{1,2})[月.]\s*(\d{1,2})日?$/.exec(t)
  if (m) return iso(ERAS[m[1]!]! + (m[2] === '元' ? 1 : Number(m[2])), Number(m[3]), Number(m[4]))
  m = /^(\d{1,2})[-\s]([a-z]{3})[a-z]*\.?[-\s,]+(\d{4})$/i.exec(t)
  if (m) return iso(Number(m[3]), MONTHS.indexOf(m[2]!.toLowerCase()) + 1, Number(m[1]))
  m = /^([a-z]{3})[a-z]*\.?\s+(\d{1,2}),?\s+(\d{4})$/i.exec(t)
  if (m) return iso(Number(m[3]), MONTHS.indexOf(m[1]!.toLowerCase()) + 1, Number(m[2]))
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(t)
  if (m) return iso(Number(m[3]), Number(m[1]), Number(m[2]))
  return null
}
