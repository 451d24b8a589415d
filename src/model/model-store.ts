import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import * as tf from "@tensorflow/tfjs";
import { AppError, ErrorCode } from "../errors.ts";
import { moduleLogger } from "../logger.ts";
import type { Forest } from "./boosted-trees.ts";
import { createChurnModel, type ChurnModel } from "./churn-model.ts";
import { fileIoHandler } from "./file-io-handler.ts";
import type { PreprocessingSpec } from "./fit-preprocessor.ts";
import { initTfBackend } from "./init-tf-backend.ts";
import { codeSizes } from "./match-codes.ts";
import type { NeighbourMetadata } from "./model-metadata.ts";
import { readModelMetadata, writeModelMetadata } from "./model-metadata-format.ts";
import { createNeighbourVote, type NeighbourVote } from "./neighbour-vote.ts";
import { readPreprocessing, writePreprocessing } from "./preprocessing-format.ts";

const log = moduleLogger("model");

/** Sub-folder holding network `i` of an ensemble (model.json + weights.bin). */
export const networkDir = (i: number) => `net-${i}`;
/** Sub-folder of the neighbour vote: its reference rows' match codes (uint16, rows × features) and labels (uint8). */
const neighboursDir = "neighbours";
/** The boosted forests, as JSON. */
const treesFile = "trees.json";

/**
 * Saves a model to `<modelsDir>/<version>/`: one `net-<i>/` folder per network, `neighbours/` for
 * the vote, trees.json for the forests, preprocessing.json and metadata.json. Written to a temporary folder
 * first and renamed, so a version folder is complete.
 */
export async function saveModel({
  model,
  modelsDir,
}: {
  model: ChurnModel;
  modelsDir: string;
}): Promise<{ version: string; dir: string }> {
  const { version } = model.metadata;
  const dir = join(modelsDir, version);
  const tmp = join(modelsDir, `.${version}.tmp`);
  await mkdir(tmp, { recursive: true });
  try {
    for (const [i, network] of model.networks.entries()) await network.save(fileIoHandler(join(tmp, networkDir(i))));
    if (model.vote) {
      await mkdir(join(tmp, neighboursDir));
      await writeFile(
        join(tmp, neighboursDir, "codes.bin"),
        new Uint8Array(
          model.vote.reference.codes.buffer,
          model.vote.reference.codes.byteOffset,
          model.vote.reference.codes.byteLength,
        ),
      );
      await writeFile(join(tmp, neighboursDir, "labels.bin"), model.vote.labels);
    }
    if (model.forests) await writeFile(join(tmp, treesFile), JSON.stringify(model.forests));
    await writeFile(join(tmp, "preprocessing.json"), writePreprocessing(model.preprocessing));
    await writeFile(join(tmp, "metadata.json"), writeModelMetadata(model.metadata));
    await rename(tmp, dir);
  } catch (error) {
    await rm(tmp, { recursive: true, force: true });
    if ((error as NodeJS.ErrnoException).code === "ENOTEMPTY" || (error as NodeJS.ErrnoException).code === "EEXIST") {
      throw new AppError(ErrorCode.Conflict, `expected a new model version, found ${dir} already present`);
    }
    throw error;
  }
  log.info({ version, dir }, "model saved");
  return { version, dir };
}

async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, "utf8");
  } catch (error) {
    throw new AppError(
      ErrorCode.NotFound,
      `expected a readable JSON file at ${file}, found: ${(error as Error).message}`,
    );
  }
}

/** Loads a saved model version folder; `backend` as for initTfBackend. Call dispose() when done. */
export async function loadModel(dir: string, { backend }: { backend?: string } = {}): Promise<ChurnModel> {
  await initTfBackend({ preferred: backend });
  const metadata = readModelMetadata(await readText(join(dir, "metadata.json")), dir);
  const preprocessing = readPreprocessing(await readText(join(dir, "preprocessing.json")), dir);
  const forests =
    metadata.trees && (await loadForests(join(dir, treesFile), preprocessing, metadata.trees.trees.length));
  const vote = metadata.neighbours && (await loadVote(join(dir, neighboursDir), preprocessing, metadata.neighbours));
  const networks: tf.LayersModel[] = [];
  try {
    for (let i = 0; i < metadata.members; i++)
      networks.push(await tf.loadLayersModel(fileIoHandler(join(dir, networkDir(i)))));
  } catch (error) {
    for (const n of networks) n.dispose();
    vote?.dispose();
    throw error;
  }
  return createChurnModel({ networks, vote, forests, preprocessing, metadata });
}

/** Reads trees.json, checking it holds `count` forests whose nodes test columns inside the encoded width. */
async function loadForests(file: string, spec: PreprocessingSpec, count: number): Promise<Forest[]> {
  let forests: Forest[];
  try {
    // trees.json has no format of its own: metadata.json's version covers it, and the checks below its shape.
    forests = JSON.parse(await readText(file)) as Forest[];
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError(
      ErrorCode.BadInput,
      `expected ${count} forests of trees in ${file}, found text that is not JSON`,
    );
  }
  const badNode = (f: Forest) =>
    f.trees.some((t) => t.feature.some((c, i) => c >= spec.width || (c >= 0 && !(t.left[i] > i && t.right[i] > i))));
  if (
    !Array.isArray(forests) ||
    forests.length !== count ||
    forests.some((f) => !Array.isArray(f?.trees) || badNode(f))
  ) {
    throw new AppError(
      ErrorCode.BadInput,
      `expected ${count} forests of trees over ${spec.width} encoded columns in ${file}, found a file that does not match`,
    );
  }
  return forests;
}

async function loadVote(
  dir: string,
  spec: PreprocessingSpec,
  { bandwidth, featureWeights }: NeighbourMetadata,
): Promise<NeighbourVote> {
  let bytes: Buffer;
  let labels: Buffer;
  try {
    bytes = await readFile(join(dir, "codes.bin"));
    labels = await readFile(join(dir, "labels.bin"));
  } catch (error) {
    throw new AppError(
      ErrorCode.NotFound,
      `expected codes.bin and labels.bin in ${dir}, found: ${(error as Error).message}`,
    );
  }
  const codes = new Uint16Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  const sizes = codeSizes(spec);
  if (codes.length !== labels.length * sizes.length) {
    throw new AppError(
      ErrorCode.BadInput,
      `expected ${labels.length} × ${sizes.length} match codes in ${dir}, found ${codes.length}`,
    );
  }
  if (featureWeights && featureWeights.length !== sizes.length) {
    throw new AppError(
      ErrorCode.BadInput,
      `expected ${sizes.length} neighbour feature weights in ${dir}/../metadata.json, found ${featureWeights.length}`,
    );
  }
  return createNeighbourVote({
    spec,
    reference: { codes, rows: labels.length, sizes },
    labels: new Uint8Array(labels),
    bandwidth,
    weights: featureWeights && Float32Array.from(featureWeights),
  });
}
