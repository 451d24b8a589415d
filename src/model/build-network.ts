import * as tf from "@tensorflow/tfjs";

/** Shape of a scoring network: `hidden` empty means logistic regression. */
export interface NetworkShape {
  inputDim: number;
  hidden: number[];
}

/**
 * Builds a dense network that outputs one raw logit (no sigmoid: calibration maps logits to
 * probabilities). Initial weights are drawn from `seed`, so the same seed gives the same network.
 */
export function buildNetwork({ inputDim, hidden, seed }: NetworkShape & { seed: number }): tf.Sequential {
  const model = tf.sequential();
  hidden.forEach((units, i) => {
    model.add(
      tf.layers.dense({
        units,
        activation: "relu",
        inputShape: i === 0 ? [inputDim] : undefined,
        kernelInitializer: tf.initializers.heUniform({ seed: seed + i }),
      }),
    );
  });
  model.add(
    tf.layers.dense({
      units: 1,
      inputShape: hidden.length === 0 ? [inputDim] : undefined,
      kernelInitializer: hidden.length === 0 ? "zeros" : tf.initializers.glorotUniform({ seed: seed + hidden.length }),
    }),
  );
  return model;
}

/** Mean logits of the `networks` (an ensemble) for a row-major matrix, in large batches. */
export function predictLogits(
  networks: readonly tf.LayersModel[],
  x: { data: Float32Array; rows: number; cols: number },
  batchSize = 32768,
): Float32Array {
  const out = new Float32Array(x.rows);
  for (let start = 0; start < x.rows; start += batchSize) {
    const end = Math.min(x.rows, start + batchSize);
    const chunk = tf.tidy(() => {
      const input = tf.tensor2d(x.data.subarray(start * x.cols, end * x.cols), [end - start, x.cols]);
      // apply, not predict: predict copies the input into batches (a slice of the whole chunk) first.
      const outputs = networks.map((n) => n.apply(input) as tf.Tensor);
      return (outputs.length === 1 ? outputs[0] : tf.addN(outputs).div(outputs.length)).reshape([-1]);
    });
    out.set(chunk.dataSync() as Float32Array, start);
    chunk.dispose();
  }
  return out;
}
