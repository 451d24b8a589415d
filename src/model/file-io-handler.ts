import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import * as tf from "@tensorflow/tfjs";
import { AppError, ErrorCode } from "../errors.ts";

const topologyFile = "model.json";
const weightsFile = "weights.bin";

interface ModelJson {
  modelTopology: unknown;
  format?: string;
  generatedBy?: string;
  convertedBy?: string | null;
  weightsManifest: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[];
}

/**
 * A tf.io handler that saves and loads a layers model as `<dir>/model.json` + `<dir>/weights.bin`
 * (plain @tensorflow/tfjs has no file:// handler on Node).
 */
export function fileIoHandler(dir: string): tf.io.IOHandler {
  return {
    async save(artifacts: tf.io.ModelArtifacts): Promise<tf.io.SaveResult> {
      if (artifacts.modelTopology instanceof ArrayBuffer) {
        throw new AppError(ErrorCode.BadInput, "expected a JSON model topology, found a binary one");
      }
      const weightData =
        artifacts.weightData === undefined ? new ArrayBuffer(0) : tf.io.CompositeArrayBuffer.join(artifacts.weightData);
      const json: ModelJson = {
        modelTopology: artifacts.modelTopology,
        format: artifacts.format,
        generatedBy: artifacts.generatedBy,
        convertedBy: artifacts.convertedBy,
        weightsManifest: [{ paths: [weightsFile], weights: artifacts.weightSpecs ?? [] }],
      };
      await mkdir(dir, { recursive: true });
      await writeFile(join(dir, topologyFile), JSON.stringify(json));
      await writeFile(join(dir, weightsFile), new Uint8Array(weightData));
      return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON({ ...artifacts, weightData }) };
    },
    async load(): Promise<tf.io.ModelArtifacts> {
      let json: ModelJson;
      let bytes: Buffer;
      try {
        json = JSON.parse(await readFile(join(dir, topologyFile), "utf8")) as ModelJson;
        bytes = await readFile(join(dir, weightsFile));
      } catch (error) {
        throw new AppError(
          ErrorCode.NotFound,
          `expected ${topologyFile} and ${weightsFile} in ${dir}, found: ${(error as Error).message}`,
        );
      }
      const weightData = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
      return {
        modelTopology: json.modelTopology as tf.io.ModelArtifacts["modelTopology"],
        format: json.format,
        generatedBy: json.generatedBy,
        convertedBy: json.convertedBy ?? undefined,
        weightSpecs: json.weightsManifest.flatMap((g) => g.weights),
        weightData,
      };
    },
  };
}
