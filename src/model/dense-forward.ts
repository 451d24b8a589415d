import * as tf from "@tensorflow/tfjs";

type Dense = (x: tf.Tensor, kernel: tf.Tensor, bias: tf.Tensor) => tf.Tensor2D;

function makeDense(inputGrad: boolean): Dense {
  return tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [x, kernel, bias, save] = args as [tf.Tensor2D, tf.Tensor2D, tf.Tensor1D, tf.GradSaveFunc];
    save([x, kernel]);
    return {
      value: tf.add(tf.matMul(x, kernel), bias) as tf.Tensor2D,
      gradFunc: (dy: tf.Tensor2D, saved: tf.Tensor[]) => {
        const [xs, w] = saved as [tf.Tensor2D, tf.Tensor2D];
        const dx = inputGrad ? tf.matMul(dy, tf.transpose(w)) : tf.zerosLike(xs);
        return [dx, tf.matMul(tf.transpose(xs), dy), tf.sum(dy, 0)];
      },
    };
  }) as Dense;
}

/**
 * x·W + b with a hand-written gradient that transposes explicitly. The WASM backend runs
 * matMul with transpose flags through a slow generic kernel, plain matMul through XNNPACK
 * (5–10× faster); this dominates training time.
 */
export const denseForward: Dense = makeDense(true);

/** As denseForward, for the input layer: no gradient is computed for the (constant) input rows. */
export const denseInputForward: Dense = makeDense(false);
