/**
 * FHIR R4 JSON: a DocumentReference, or a Bundle whose entries hold
 * DocumentReferences (other resources are skipped). The note is the first
 * inline attachment with contentType text/plain (base64 `data`, UTF-8
 * unless another charset is named, which is refused). Id: the resource id;
 * encounter date: context.period.start, else date. The file is parsed whole
 * (FHIR JSON is one document), so it is bounded by `maxFileBytes`.
 */
import { ChartcheckError, errorMessage } from "../common/errors.js";
import { decodeNote, MAX_NOTE_BYTES } from "./decode.js";
import { failure, metadataValue, recordDate, recordId } from "./records.js";
import type { IngestItem } from "./types.js";

/** Largest FHIR JSON file read (it is parsed as one document). */
export const MAX_FHIR_FILE_BYTES = 256 * 1024 * 1024;

type Json = Record<string, unknown>;

function obj(v: unknown): Json | null {
  return v && typeof v === "object" && !Array.isArray(v) ? (v as Json) : null;
}

function arr(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

/** Reads DocumentReferences out of one parsed FHIR JSON value. */
export function* fhirItems(value: unknown, file: string, maxNoteBytes = MAX_NOTE_BYTES): Generator<IngestItem> {
  const root = obj(value);
  if (!root) {
    yield failure(file, new ChartcheckError("MALFORMED_RECORD", "not a FHIR resource (expected a JSON object)"));
    return;
  }
  if (root.resourceType === "DocumentReference") {
    yield documentReference(root, file, maxNoteBytes);
    return;
  }
  if (root.resourceType === "Bundle") {
    let found = 0;
    for (const [i, entry] of arr(root.entry).entries()) {
      const res = obj(obj(entry)?.resource);
      if (res?.resourceType !== "DocumentReference") continue;
      found++;
      yield documentReference(res, `${file}#entry${i}`, maxNoteBytes);
    }
    if (!found) yield failure(file, new ChartcheckError("MISSING_TEXT", "Bundle holds no DocumentReference"));
    return;
  }
  const rt = typeof root.resourceType === "string" ? root.resourceType : "none";
  yield failure(file, new ChartcheckError("MALFORMED_RECORD", `resourceType ${JSON.stringify(rt.slice(0, 40))} is not DocumentReference or Bundle`));
}

function documentReference(res: Json, fallbackId: string, maxNoteBytes: number): IngestItem {
  const id = recordId(res.id, fallbackId);
  const metadata: Record<string, string> = {};
  const type = obj(res.type);
  const coding = obj(arr(type?.coding)[0]);
  const typeLabel = type?.text ?? coding?.display ?? coding?.code;
  if (typeLabel !== undefined) metadata.type = metadataValue(typeLabel);
  if (res.status !== undefined) metadata.status = metadataValue(res.status);
  if (res.docStatus !== undefined) metadata.docStatus = metadataValue(res.docStatus);
  const subject = obj(res.subject)?.reference;
  if (subject !== undefined) metadata.subject = metadataValue(subject);
  const encounter = obj(arr(obj(res.context)?.encounter)[0])?.reference;
  if (encounter !== undefined) metadata.encounter = metadataValue(encounter);
  try {
    const start = obj(obj(res.context)?.period)?.start;
    const date = start !== undefined ? recordDate(start, "context.period.start") : recordDate(res.date, "date");
    const attachments = arr(res.content).map((c) => obj(obj(c)?.attachment)).filter((a): a is Json => a !== null);
    const plain = attachments.find((a) => typeof a.contentType === "string" && /^text\/plain\b/i.test(a.contentType));
    if (!plain) {
      const types = attachments.map((a) => String(a.contentType ?? "none")).join(", ") || "no attachments";
      throw new ChartcheckError("MISSING_TEXT", `no text/plain attachment (found: ${types.slice(0, 120)})`);
    }
    const charset = /charset\s*=\s*"?([\w-]+)/i.exec(String(plain.contentType))?.[1];
    if (charset && !/^utf-?8$/i.test(charset)) throw new ChartcheckError("INVALID_UTF8", `attachment charset ${charset} is not supported (UTF-8 only)`);
    if (typeof plain.data !== "string") {
      throw new ChartcheckError("MISSING_TEXT", plain.url ? "attachment is a URL, not inline data; only inline base64 data is read" : "attachment has no data");
    }
    if (!/^[A-Za-z0-9+/=\s_-]*$/.test(plain.data)) throw new ChartcheckError("MALFORMED_RECORD", "attachment data is not base64");
    if (plain.data.length * 0.75 > maxNoteBytes * 1.01 + 4) {
      throw new ChartcheckError("NOTE_TOO_LARGE", `note is about ${Math.floor(plain.data.length * 0.75)} bytes, above the ${maxNoteBytes}-byte limit`);
    }
    const text = decodeNote(Buffer.from(plain.data, "base64"), maxNoteBytes);
    return { ok: true, note: { id, text, ...(date ? { date } : {}), ...(Object.keys(metadata).length ? { metadata } : {}) } };
  } catch (err) {
    return failure(id, err instanceof ChartcheckError ? err : new ChartcheckError("MALFORMED_RECORD", errorMessage(err)), metadata);
  }
}

/** Parses FHIR JSON bytes (already size-checked by the caller); notes are decoded lazily. */
export function* readFhirBytes(bytes: Uint8Array, file: string, maxNoteBytes = MAX_NOTE_BYTES): Generator<IngestItem> {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    yield failure(file, new ChartcheckError("INVALID_UTF8", "file is not valid UTF-8"));
    return;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    // JSON.parse messages quote the input: never pass them on.
    yield failure(file, new ChartcheckError("MALFORMED_RECORD", "file is not valid JSON"));
    return;
  }
  yield* fhirItems(value, file, maxNoteBytes);
}
