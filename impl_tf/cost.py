"""Binary cross-entropy in TensorFlow, from the logits so it stays finite (reference/NOTATION.md)."""

import tensorflow as tf


def compute_cost(ZL, Y):
    """J = -(1/m) sum[Y log A + (1-Y) log(1-A)], A = sigmoid(ZL), as (1/m) sum[max(Z,0) - Z Y + log(1+e^-|Z|)]."""
    m = Y.shape[1]
    # TF's from-logits BCE computes exactly impl_numpy's terms: where(Z >= 0, Z, 0) - Z Y
    # + log1p(exp(where(Z >= 0, -Z, Z))), i.e. max(Z, 0) - Z Y + log(1 + e^-|Z|). Both where()s take
    # the same branch at Z = 0, so its autodiff gradient there is sigmoid(0) - Y = 0.5 - Y; written
    # with tf.maximum and tf.abs it would be 1 - Y (tf.maximum passes the gradient to Z on a tie).
    losses = tf.nn.sigmoid_cross_entropy_with_logits(labels=Y, logits=ZL)  # (1, m)
    return tf.reduce_sum(losses) / m
