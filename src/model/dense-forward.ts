import * as tf from "@tensorflow/tfjs";

// The WASM backend runs matMul with transpose flags through a slow generic kernel and its
// transpose op is slow too; plain matMul goes through XNNPACK (5–10× faster). Training time is
// dominated by these products, so the gradients below avoid both where they can.

type Dense = (x: tf.Tensor, kernel: tf.Tensor, bias: tf.Tensor) => tf.Tensor2D;

/** xᵀ·dy, transposing whichever operand is smaller (a column vector needs only a reshape). */
function kernelGrad(x: tf.Tensor2D, dy: tf.Tensor2D): tf.Tensor2D {
  const [rows, k] = x.shape;
  const m = dy.shape[1];
  if (m === 1) return tf.reshape(tf.matMul(tf.reshape(dy, [1, rows]), x), [k, 1]) as tf.Tensor2D;
  return m <= k ? (tf.transpose(tf.matMul(tf.transpose(dy), x)) as tf.Tensor2D) : tf.matMul(tf.transpose(x), dy);
}

/** x·W + b with explicit-transpose gradients, for hidden layers. */
export const denseForward: Dense = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
  const [x, kernel, bias, save] = args as [tf.Tensor2D, tf.Tensor2D, tf.Tensor1D, tf.GradSaveFunc];
  save([x, kernel]);
  return {
    value: tf.add(tf.matMul(x, kernel), bias) as tf.Tensor2D,
    gradFunc: (dy: tf.Tensor2D, saved: tf.Tensor[]) => {
      const [xs, w] = saved as [tf.Tensor2D, tf.Tensor2D];
      return [tf.matMul(dy, tf.transpose(w)), kernelGrad(xs, dy), tf.sum(dy, 0)];
    },
  };
}) as Dense;

/**
 * The input layer x·W + b for a batch whose transpose `xT` the caller already built (cheap in JS):
 * the kernel gradient is then a plain xT·dy, and no gradient is computed for the input itself.
 * (dyᵀ·x would need no transpose, but WASM packs a matMul's right operand: a fresh batch there costs more.)
 */
export function inputDense(x: tf.Tensor2D, xT: tf.Tensor2D): (kernel: tf.Tensor, bias: tf.Tensor) => tf.Tensor2D {
  return tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [kernel, bias] = args as [tf.Tensor2D, tf.Tensor1D];
    return {
      value: tf.add(tf.matMul(x, kernel), bias) as tf.Tensor2D,
      gradFunc: (dy: tf.Tensor2D) => [tf.matMul(xT, dy), tf.sum(dy, 0)],
    };
  }) as (kernel: tf.Tensor, bias: tf.Tensor) => tf.Tensor2D;
}
