import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { readInputs, type IngestItem } from "../../src/ingest/index.js";
import { readCsv } from "../../src/ingest/csv.js";
import { readJsonl } from "../../src/ingest/jsonl.js";
import { DEFAULT_FIELDS } from "../../src/ingest/records.js";

async function collect(it: AsyncIterable<IngestItem>): Promise<IngestItem[]> {
  const out: IngestItem[] = [];
  for await (const x of it) out.push(x);
  return out;
}

function chunks(s: string | Buffer, size = 7): Readable {
  const b = Buffer.isBuffer(s) ? s : Buffer.from(s);
  const parts: Buffer[] = [];
  for (let i = 0; i < b.length; i += size) parts.push(b.subarray(i, i + size));
  return Readable.from(parts);
}

const ok = (x: IngestItem) => {
  if (!x.ok) throw new Error(`expected a note, got ${x.failure.error.message}`);
  return x.note;
};
const bad = (x: IngestItem) => {
  if (x.ok) throw new Error(`expected a failure for ${x.note.id}`);
  return x.failure;
};

describe("JSONL", () => {
  it("reads records with id, text, date and carries every other field as metadata", async () => {
    const src = [
      JSON.stringify({ id: "n1", text: "Back pain x 2 weeks.", date: "2026-11-20", site: "North", age: 52, metadata: { mrn: "123" } }),
      JSON.stringify({ text: "No id here.", date: "11/02/2026" }),
      "",
      JSON.stringify({ id: 7, text: "Numeric id.", date: "2026-11-20T09:30:00Z" }),
    ].join("\r\n");
    const items = await collect(readJsonl(chunks(src), "ex.jsonl", DEFAULT_FIELDS));
    expect(items).toHaveLength(3);
    expect(ok(items[0]!)).toEqual({ id: "n1", text: "Back pain x 2 weeks.", date: "2026-11-20", metadata: { site: "North", age: "52", mrn: "123" } });
    expect(ok(items[1]!)).toEqual({ id: "ex.jsonl:2", text: "No id here.", date: "2026-11-02" });
    expect(ok(items[2]!)).toMatchObject({ id: "7", date: "2026-11-20" });
  });

  it("uses --id-field/--text-field/--date-field names", async () => {
    const src = `${JSON.stringify({ note_id: "x", body: "Sciatica.", dos: "01/05/2026", text: "not this" })}\n`;
    const [item] = await collect(readJsonl(chunks(src), "f.jsonl", { id: "note_id", text: "body", date: "dos" }));
    expect(ok(item!)).toEqual({ id: "x", text: "Sciatica.", date: "2026-01-05", metadata: { text: "not this" } });
  });

  it("names each broken record by id or file:line and keeps reading", async () => {
    const lines = [
      "{not json",
      JSON.stringify({ id: "empty", text: "   " }),
      JSON.stringify({ id: "notext", body: "x" }),
      "[1,2]",
      JSON.stringify({ id: "baddate", text: "ok", date: "yesterday" }),
      JSON.stringify({ id: "nul", text: "a\u0000b" }),
      JSON.stringify({ id: "good", text: "Radicular pain." }),
    ];
    const bytes = Buffer.concat([Buffer.from(`${lines.join("\n")}\n`), Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x7d, 0x0a])]);
    const items = await collect(readJsonl(chunks(bytes), "b.jsonl", DEFAULT_FIELDS));
    expect(items.map((x) => (x.ok ? x.note.id : `${x.failure.id} ${x.failure.error.code}`))).toEqual([
      "b.jsonl:1 MALFORMED_RECORD",
      "empty EMPTY_NOTE",
      "notext MISSING_TEXT",
      "b.jsonl:4 MALFORMED_RECORD",
      "baddate MALFORMED_RECORD",
      "nul BINARY_NOTE",
      "good",
      "b.jsonl:8 INVALID_UTF8",
    ]);
    // JSON.parse messages quote the input; ours must not.
    expect(bad(items[0]!).error.message).toBe("b.jsonl:1: line is not valid JSON");
  });

  it("refuses an over-long record without holding it, then goes on", async () => {
    const huge = JSON.stringify({ id: "huge", text: "x".repeat(3000) });
    const big = JSON.stringify({ id: "big", text: "é".repeat(600) }); // 1200 bytes: over the note limit, under the line limit
    const src = `${huge}\n${big}\n${JSON.stringify({ id: "after", text: "fine" })}\n`;
    const items = await collect(readJsonl(chunks(src, 512), "h.jsonl", DEFAULT_FIELDS, { maxNoteBytes: 1000 }));
    expect(bad(items[0]!)).toMatchObject({ id: "h.jsonl:1", error: { code: "NOTE_TOO_LARGE" } });
    expect(bad(items[1]!)).toMatchObject({ id: "big", error: { code: "NOTE_TOO_LARGE", message: "big: note is 1200 bytes, above the 1000-byte limit" } });
    expect(ok(items[2]!).id).toBe("after");
  });
});

describe("CSV", () => {
  it("handles a BOM, CRLF, quoted multi-line fields and carries other columns", async () => {
    const src = '\uFEFFid,text,date,site\r\nc1,"Line one,\r\nline ""two""",11/20/2026,East\r\n,Second note,,West\r\n';
    const items = await collect(readCsv(chunks(src), "e.csv", DEFAULT_FIELDS));
    expect(items.map(ok)).toEqual([
      { id: "c1", text: 'Line one,\r\nline "two"', date: "2026-11-20", metadata: { site: "East" } },
      { id: "e.csv:row2", text: "Second note", metadata: { site: "West" } },
    ]);
  });

  it("gives a row with a missing text field an error and audits the others", async () => {
    const src = "id,text,site\r\nr1,Pain,A\r\nr2\r\nr3,More pain,C\r\n";
    const items = await collect(readCsv(chunks(src), "m.csv", DEFAULT_FIELDS));
    expect(ok(items[0]!).id).toBe("r1");
    expect(bad(items[1]!)).toMatchObject({ id: "r2", error: { code: "MISSING_TEXT" } });
    expect(ok(items[2]!).id).toBe("r3");
  });

  it("reports a missing text column once, naming the columns", async () => {
    const items = await collect(readCsv(chunks("id,body\r\n1,x\r\n"), "n.csv", DEFAULT_FIELDS));
    expect(items).toHaveLength(1);
    expect(bad(items[0]!).error.message).toMatch(/no "text" column \(columns: id, body\)/);
  });

  it("reports an unclosed quote by row and keeps the rows before it", async () => {
    const items = await collect(readCsv(chunks('id,text\r\na,fine\r\nb,"never closed\r\n'), "q.csv", DEFAULT_FIELDS));
    expect(ok(items[0]!).id).toBe("a");
    expect(bad(items[1]!)).toMatchObject({ id: "q.csv:row2", error: { code: "MALFORMED_RECORD" } });
  });
});

describe("FHIR and files", () => {
  const b64 = (s: string) => Buffer.from(s, "utf8").toString("base64");
  const docRef = (id: string, text: string, extra: Record<string, unknown> = {}) => ({
    resourceType: "DocumentReference",
    id,
    status: "current",
    type: { coding: [{ system: "http://loinc.org", code: "11506-3", display: "Progress note" }] },
    subject: { reference: "Patient/p1" },
    content: [{ attachment: { contentType: "text/plain; charset=utf-8", data: b64(text) } }],
    ...extra,
  });

  it("reads a DocumentReference, a Bundle, JSONL and CSV by extension, with metadata", async () => {
    const dir = await mkdtemp(join(tmpdir(), "cc-ingest-"));
    await writeFile(join(dir, "doc.json"), JSON.stringify(docRef("d1", "Low back pain, née café.", { context: { period: { start: "2026-03-04T10:00:00Z" } } })));
    await writeFile(
      join(dir, "bundle.json"),
      JSON.stringify({
        resourceType: "Bundle",
        type: "collection",
        entry: [
          { resource: { resourceType: "Patient", id: "p1" } },
          { resource: docRef("d2", "Sciatica.", { date: "2026-05-06T00:00:00Z" }) },
          { resource: { resourceType: "DocumentReference", id: "d3", content: [{ attachment: { contentType: "application/pdf", data: "JVBERi0=" } }] } },
        ],
      }),
    );
    await writeFile(join(dir, "a.jsonl"), `${JSON.stringify({ id: "j1", text: "Leg pain.", unit: "ED" })}\n`);
    await writeFile(join(dir, "b.csv"), "id,text,unit\nk1,Numbness,UC\n");
    const items = await collect(readInputs(["doc.json", "bundle.json", "a.jsonl", "b.csv"], { cwd: dir }));
    expect(ok(items[0]!)).toEqual({
      id: "d1",
      text: "Low back pain, née café.",
      date: "2026-03-04",
      metadata: { type: "Progress note", status: "current", subject: "Patient/p1" },
    });
    expect(ok(items[1]!)).toMatchObject({ id: "d2", text: "Sciatica.", date: "2026-05-06" });
    expect(bad(items[2]!)).toMatchObject({ id: "d3", error: { code: "MISSING_TEXT" } });
    expect(bad(items[2]!).error.message).toContain("application/pdf");
    expect(ok(items[3]!)).toEqual({ id: "j1", text: "Leg pain.", metadata: { unit: "ED" } });
    expect(ok(items[4]!)).toEqual({ id: "k1", text: "Numbness", metadata: { unit: "UC" } });
  });

  it("keeps text files as before and honours --input-format over the extension", async () => {
    const dir = await mkdtemp(join(tmpdir(), "cc-ingest-"));
    await writeFile(join(dir, "n.txt"), "Back pain.");
    await writeFile(join(dir, "export.dat"), `${JSON.stringify({ id: "z", text: "From a .dat file." })}\n`);
    const text = await collect(readInputs(["n.txt"], { cwd: dir }));
    expect(text.map(ok)).toEqual([{ id: "n.txt", text: "Back pain." }]);
    const forced = await collect(readInputs(["export.dat"], { cwd: dir, format: "jsonl" }));
    expect(forced.map(ok)).toEqual([{ id: "z", text: "From a .dat file." }]);
  });
});
