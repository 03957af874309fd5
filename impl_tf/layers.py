"""The three models the way Keras' tutorials write them: Dense layers, BinaryCrossentropy(from_logits=True), SGD.

A network is a ``keras.Sequential`` of ``Dense`` layers, the hidden ones with ``activation``; its output is
the logit Z[L], since the loss takes logits (its sigmoid is inside the loss). Logistic regression is
layer_dims [n_x, 1], the shallow network [n_x, n_h, 1], the deep one [n_x, n[1], ..., 1]. ``train`` is
``model.fit``; ``train_step`` is the custom loop's body, with tf.GradientTape.

Dense computes ``x @ kernel + bias`` on examples as rows, x (m, n[l-1]): ``kernel`` is (n[l-1], n[l]), the
course's W[l] transposed, and ``bias`` (n[l],) is b[l] without its column axis. ``build`` leaves Dense's own
initialization (glorot_uniform kernel, zero bias); ``load_params`` replaces it with the course's parameters,
and ``export_params`` and ``gradients`` give them back in the course layout. X and Y come in the course
layout, (n_x, m) and (1, m), and are transposed once on the way in.

float64 without touching the global floatx: every layer, the loss, the cost metric and the learning rate
are given the model's dtype, since each of them otherwise computes or stores in floatx (float32).
"""

import keras
import tensorflow as tf

from reference.validation import (
    check_activation,
    check_dtype,
    check_learning_rate,
    check_model_dims,
    check_num_iterations,
    check_params,
)

from .activations import leaky_relu

# keras.activations.relu is tf.nn.relu, whose derivative at 0 is the course's 0. keras' own leaky_relu is
# tf.nn.leaky_relu, which keeps its slope as a float32 attribute (0.009999999776) and moves every negative
# float64 output by 2e-8 relative, so the hidden layers use impl_tf's (a tf.where on Z > 0, slope 0.01 at 0).
ACTIVATIONS = {"sigmoid": "sigmoid", "tanh": "tanh", "relu": "relu", "leaky_relu": leaky_relu}


def build(layer_dims, activation="relu", dtype="float64"):
    """keras.Sequential([Input, Dense(g), ..., Dense]) from layer_dims = [n_x, n[1], ..., 1]; its output is Z[L]."""
    dims = check_model_dims("deep_nn", layer_dims)
    activation, dtype = check_activation(activation), check_dtype(dtype)
    L = len(dims) - 1
    layers = [keras.Input((dims[0],), dtype=dtype)]
    for l in range(1, L + 1):
        g = ACTIVATIONS[activation] if l < L else None
        layers.append(keras.layers.Dense(dims[l], activation=g, dtype=dtype))  # kernel (n[l-1], n[l]), bias (n[l],)
    return keras.Sequential(layers)


def load_params(model, params):
    """Copy the course's W[l], b[l] into the Dense layers; returns the model."""
    dense = model.layers  # the Dense layers: a Sequential does not list its Input
    params = check_params("params", params, [dense[0].kernel.shape[0]] + [layer.units for layer in dense])
    for l, layer in enumerate(dense, start=1):
        layer.kernel.assign(params[f"W{l}"].T)     # (n[l], n[l-1]) -> (n[l-1], n[l]): Dense's kernel is W[l].T
        layer.bias.assign(params[f"b{l}"][:, 0])   # (n[l], 1) -> (n[l],)
    return model


def export_params(model):
    """W[l], b[l] in the course layout, read from the Dense layers."""
    return _course_layout([(layer.kernel, layer.bias) for layer in model.layers])


def forward(model, X):
    """A[L] = sigmoid(Z[L]), shape (1, m)."""
    return tf.transpose(tf.math.sigmoid(model(tf.transpose(X))))  # (m, n_x) -> Z[L].T (m, 1) -> A[L] (1, m)


def cost(model, X, Y):
    """J by keras.losses.BinaryCrossentropy(from_logits=True) on the logits Z[L]."""
    return _loss(model)(tf.transpose(Y), model(tf.transpose(X)))


def gradients(model, X, Y):
    """dW[l], db[l] by tf.GradientTape, in the course layout."""
    with tf.GradientTape() as tape:
        J = cost(model, X, Y)
    grads = tape.gradient(J, [(layer.kernel, layer.bias) for layer in model.layers])
    return _course_layout(grads, prefix="d")


def sgd(model, learning_rate):
    """keras.optimizers.SGD with momentum 0: p := p - alpha dp, the course's update."""
    learning_rate = check_learning_rate(learning_rate)
    # alpha as a constant of the model's dtype, given through a callable: a float learning_rate is kept in a
    # float32 Variable (Keras creates it in floatx), and a callable returning a Python float meets tf.cast in
    # update_step, which makes it a float32 tensor first; either way every float64 update would use
    # float32(alpha), e.g. 0.10000000149 for 0.1 (1.5e-8 relative).
    alpha = tf.constant(learning_rate, _dtype(model))
    return keras.optimizers.SGD(learning_rate=lambda: alpha)


def train_step(model, optimizer, X, Y):
    """One update, the body of a custom loop with tf.GradientTape; returns the cost before it."""
    with tf.GradientTape() as tape:
        J = cost(model, X, Y)
    grads = tape.gradient(J, model.trainable_variables)
    optimizer.apply_gradients(zip(grads, model.trainable_variables, strict=True))
    return J


def train(model, X, Y, learning_rate, num_iterations):
    """model.fit, one full batch per epoch for num_iterations epochs; returns the cost before each update."""
    num_iterations = check_num_iterations(num_iterations)
    # fit's loss history is rounded to float32 (its loss tracker is a Mean in floatx), so the cost is also
    # logged as a metric in the model's dtype; fit computes it from the forward pass that the gradients come
    # from, i.e. before the update.
    metric = keras.metrics.BinaryCrossentropy(name="cost", from_logits=True, dtype=_dtype(model))
    model.compile(optimizer=sgd(model, learning_rate), loss=_loss(model), metrics=[metric], jit_compile=False)
    # The full batch as one tf.data element, repeated: fit would cast NumPy or tensor float64 arrays to
    # float32 (Keras' array adapter casts every float array to floatx); a Dataset is passed as it is.
    batch = tf.data.Dataset.from_tensors((tf.transpose(X), tf.transpose(Y))).repeat()  # ((m, n_x), (m, 1))
    history = model.fit(batch, epochs=num_iterations, steps_per_epoch=1, shuffle=False, verbose=0)
    return tf.constant(history.history.get("cost", []), X.dtype)


def predict(model, X):
    """1 where A[L] > 0.5, else 0; shape (1, m)."""
    return tf.cast(forward(model, X) > 0.5, X.dtype)


def _loss(model):
    """BinaryCrossentropy from the logits in the model's dtype (a loss computes in floatx unless told)."""
    return keras.losses.BinaryCrossentropy(from_logits=True, dtype=_dtype(model))


def _dtype(model):
    return model.layers[0].kernel.dtype


def _course_layout(pairs, prefix=""):
    """{W1, b1, ...} (or dW1, db1, ...) from (kernel, bias) pairs, as tensors apart from the model."""
    params = {}
    for l, (kernel, bias) in enumerate(pairs, start=1):
        params[f"{prefix}W{l}"] = tf.transpose(kernel)                  # (n[l-1], n[l]) -> (n[l], n[l-1])
        params[f"{prefix}b{l}"] = tf.expand_dims(tf.identity(bias), 1)  # (n[l],) -> (n[l], 1)
    return params


__all__ = ["build", "load_params", "export_params", "forward", "cost", "gradients", "sgd", "train_step", "train",
           "predict"]
