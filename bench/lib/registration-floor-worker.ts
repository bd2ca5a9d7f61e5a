/**
 * The registration floor: what a Form 01 submission costs in CPU with no HTTP, JSON, database or
 * load generator, only the work the issue asks for that no implementation can skip: three photos
 * decoded, re-encoded without metadata (the server's own `cleanImage`), and the Form 01 PDF
 * rendered (`form01Pdf`). Runs in its own process, four at a time (the thread pool's size) on
 * every core, the photos and the PDF measured one after the other, and prints one JSON line: CPU
 * ms of each per submission, their sum, and the rate the machine's cores allow at that cost.
 * Input (argv[2]): `{ seconds, photoFiles: string[] }`, each phase's length and the JPEG photo
 * files (the scenario's, or camera-like ones).
 */
import fs from 'node:fs';
import os from 'node:os';
import { cleanImage, createTranslator, form01Pdf } from '@vssid/server';

const { seconds, photoFiles } = JSON.parse(process.argv[2] ?? '{}') as {
  seconds: number;
  photoFiles: string[];
};
const photos = photoFiles.map((f) => fs.readFileSync(f));
const translator = createTranslator();
const document = (n: number) => ({
  number: `00264.GD_2026_${String(n).padStart(4, '0')}`,
  kind: 'self' as const,
  submittedAt: new Date(),
  deadlineAt: new Date(Date.now() + 10 * 86_400_000),
  delivery: 'counter' as const,
  agency: { name: 'Bảo hiểm xã hội cơ sở Ba Đình', address: '86 Trần Phú, phường Ba Đình, Hà Nội' },
  person: {
    fullName: 'Nguyễn Thị Thuỳ Dương',
    bhxhCode: '0123456789',
    idNumber: '001190012345',
    dateOfBirth: '1990-05-17',
    gender: 'female' as const,
    address: { provinceCode: '01', communeCode: '00004', line: '12 Lý Thường Kiệt' },
    phone: '0912345678',
    email: 'bench@example.vn',
  },
  guardian: null,
});

const photosOf = async () => {
  for (const photo of photos) {
    const result = await cleanImage(photo);
    if (!result.ok) throw new Error(`photo refused: ${result.problem.code}`);
  }
};
const pdfOf = (n: number) => form01Pdf(translator, 'vi', document(n));

/** CPU ms per run of `work`, four at a time for `seconds`, after a warm-up (fonts, glyphs, code). */
async function measure(work: (n: number) => Promise<unknown>): Promise<number> {
  for (let i = 0; i < 5; i++) await work(i);
  const cpu0 = process.cpuUsage();
  const end = Date.now() + seconds * 1000;
  let done = 0;
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      while (Date.now() < end) await work(done++);
    }),
  );
  const cpu = process.cpuUsage(cpu0);
  return (cpu.user + cpu.system) / 1000 / done;
}

const photosMs = await measure(photosOf);
const pdfMs = await measure(pdfOf);
const round = (ms: number) => Math.round(ms * 10) / 10;
process.stdout.write(
  `${JSON.stringify({
    photos_cpu_ms: round(photosMs),
    pdf_cpu_ms: round(pdfMs),
    cpu_ms: round(photosMs + pdfMs),
    rate_allowed_per_s: Math.round((os.availableParallelism() * 1000) / (photosMs + pdfMs)),
  })}\n`,
);
