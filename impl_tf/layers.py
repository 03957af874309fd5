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

Course 2, week 1 (impl_numpy/regularization.py): dropout is keras.layers.Dropout after each hidden layer, a
fresh mask per call in training only; with given masks, a layer of this module applies them the course's
way instead. L2 is Keras' kernel_regularizer on every Dense kernel (the biases unregularized), whose
penalties ``model.losses`` fit adds to the loss; the course's lambd / (2 m) sum ||W||^2 is l2 = lambd / (2 m).
"""


import keras
import numpy as np
import tensorflow as tf

from reference.validation import (
    check_activation,
    check_dtype,
    check_given_masks,
    check_keep_prob,
    check_lambd,
    check_learning_rate,
    check_mask_examples,
    check_model_dims,
    check_num_iterations,
    check_params,
    check_seed,
)

from .activations import leaky_relu

# keras.activations.relu is tf.nn.relu, whose derivative at 0 is the course's 0. keras' own leaky_relu is
# tf.nn.leaky_relu, which keeps its slope as a float32 attribute (0.009999999776) and moves every negative
# float64 output by 2e-8 relative, so the hidden layers use impl_tf's (a tf.where on Z > 0, slope 0.01 at 0).
ACTIVATIONS = {"sigmoid": "sigmoid", "tanh": "tanh", "relu": "relu", "leaky_relu": leaky_relu}


# The course's L2 term and its two naive translations into Keras' L2(l2), which is l2 sum(w^2): no 1/2, no 1/m.
L2_VARIANTS = {
    "course": lambda lambd, m: {"build": {"l2": check_lambd(lambd) / (2 * m)}, "train": {}},
    "L2(lambd)": lambda lambd, m: {"build": {"l2": check_lambd(lambd)}, "train": {}},  # 2 m times the course's
    "L2(lambd / m)": lambda lambd, m: {"build": {"l2": check_lambd(lambd) / m}, "train": {}},  # no 1/2: twice it
}


class CourseDropout(keras.layers.Layer):
    """The course's dropout with a given mask D[l] (n[l], m): A[l] * D[l] / keep_prob in training, A[l] in
    inference. No framework's dropout takes a given mask; this is how the layers are proven equal to the course."""

    def __init__(self, D, keep_prob, **kwargs):
        super().__init__(**kwargs)
        self.D = tf.constant(np.asarray(D).T, self.compute_dtype)  # (n[l], m) -> (m, n[l]): examples as rows
        self.keep_prob = keep_prob

    def call(self, A, training=False):
        if not training:
            return A
        A = A * self.D                                        # (m, n[l]) * (m, n[l])
        return A / self.keep_prob


def build(layer_dims, activation="relu", dtype="float64", keep_prob=1.0, masks=None, seed=0, l2=0.0):
    """keras.Sequential([Input, Dense(g), (Dropout), ..., Dense]) from layer_dims = [n_x, n[1], ..., 1]; its
    output is Z[L]. Dropout (keep_prob < 1, or the given masks D1..D[L-1]) and L2(l2) on the kernels as asked."""
    dims = check_model_dims("deep_nn", layer_dims)
    activation, dtype = check_activation(activation), check_dtype(dtype)
    keep_prob, seed, l2 = check_keep_prob(keep_prob), check_seed(seed), check_lambd(l2, "l2")
    L = len(dims) - 1
    if masks is not None:
        masks = check_given_masks(masks, dims, keep_prob)
    regularizer = _L2(l2) if l2 > 0 else None
    layers = [keras.Input((dims[0],), dtype=dtype)]
    for l in range(1, L + 1):
        g = ACTIVATIONS[activation] if l < L else None
        layers.append(keras.layers.Dense(dims[l], activation=g, kernel_regularizer=regularizer,
                                         dtype=dtype))  # kernel (n[l-1], n[l]), bias (n[l],)
        if l < L and masks is not None:
            layers.append(CourseDropout(masks[f"D{l}"], keep_prob, dtype=dtype))
        elif l < L and keep_prob < 1:
            dropout = dropout_layer(keep_prob, seed + l)  # a seed per layer, or every layer drops the same units
            dropout.dtype_policy = dtype  # Keras' Dropout computes in floatx: it would cast float64 A[l] to float32
            layers.append(dropout)
    return Sequential(layers)  # keras.Sequential, with fit's loss summed in the model's dtype (below)


def dropout_layer(keep_prob, seed=0):
    """keras.layers.Dropout for the course's keep_prob: a fresh mask per call, in training only."""
    keep_prob, seed = check_keep_prob(keep_prob), check_seed(seed)
    # Where learners trip: Keras' rate is the probability of DROPPING a unit, the course's keep_prob that of
    # keeping it; Dropout(keep_prob) would drop 80% of the units for keep_prob = 0.8.
    return keras.layers.Dropout(rate=1 - keep_prob, seed=seed)


def load_params(model, params):
    """Copy the course's W[l], b[l] into the Dense layers; returns the model."""
    dense = _dense_layers(model)
    params = check_params("params", params, [dense[0].kernel.shape[0]] + [layer.units for layer in dense])
    for l, layer in enumerate(dense, start=1):
        layer.kernel.assign(params[f"W{l}"].T)     # (n[l], n[l-1]) -> (n[l-1], n[l]): Dense's kernel is W[l].T
        layer.bias.assign(params[f"b{l}"][:, 0])   # (n[l], 1) -> (n[l],)
    return model


def export_params(model):
    """W[l], b[l] in the course layout, read from the Dense layers."""
    return _course_layout([(layer.kernel, layer.bias) for layer in _dense_layers(model)])


def forward(model, X, training=False):
    """A[L] = sigmoid(Z[L]), shape (1, m); with training=True the dropout applies."""
    if training:
        _check_examples(model, X)
    Z = model(tf.transpose(X), training=training)  # (m, n_x) -> Z[L].T (m, 1)
    return tf.transpose(tf.math.sigmoid(Z))        # A[L] (1, m)


def cost(model, X, Y):
    """J: keras.losses.BinaryCrossentropy(from_logits=True) on the logits Z[L] of the training forward pass
    (dropout on), plus the regularizers' penalties model.losses (the L2 term), as fit adds them."""
    _check_examples(model, X)
    return _loss(model)(tf.transpose(Y), model(tf.transpose(X), training=True)) + _penalty(model)


def gradients(model, X, Y):
    """dW[l], db[l] by tf.GradientTape (of the cost with its L2 term), in the course layout."""
    with tf.GradientTape() as tape:
        J = cost(model, X, Y)
    grads = tape.gradient(J, [(layer.kernel, layer.bias) for layer in _dense_layers(model)])
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
    """model.fit, one full batch per epoch for num_iterations epochs; returns the cost before each update,
    its L2 term included."""
    num_iterations = check_num_iterations(num_iterations)
    _check_examples(model, X)
    # fit's loss history is rounded to float32 (its loss tracker is a Mean in floatx), so the cost is also
    # logged as a metric in the model's dtype; fit computes it from the forward pass that the gradients come
    # from, i.e. before the update. fit's loss is Sequential.compute_loss (below), not a compiled loss.
    metric = keras.metrics.BinaryCrossentropy(name="cost", from_logits=True, dtype=_dtype(model))
    model.compile(optimizer=sgd(model, learning_rate), metrics=[metric], jit_compile=False)
    # The full batch as one tf.data element, repeated: fit would cast NumPy or tensor float64 arrays to
    # float32 (Keras' array adapter casts every float array to floatx); a Dataset is passed as it is.
    batch = tf.data.Dataset.from_tensors((tf.transpose(X), tf.transpose(Y))).repeat()  # ((m, n_x), (m, 1))
    # The metric sees the logits only; the L2 term of the weights before each update is read by a callback.
    penalty = _PenaltyHistory()
    history = model.fit(batch, epochs=num_iterations, steps_per_epoch=1, shuffle=False, verbose=0,
                        callbacks=[penalty])
    return tf.constant(history.history.get("cost", []), X.dtype) + tf.constant(penalty.values, X.dtype)


def predict(model, X):
    """1 where A[L] > 0.5, else 0; shape (1, m)."""
    return tf.cast(forward(model, X) > 0.5, X.dtype)


def _loss(model):
    """BinaryCrossentropy from the logits in the model's dtype (a loss computes in floatx unless told)."""
    return keras.losses.BinaryCrossentropy(from_logits=True, dtype=_dtype(model))


class Sequential(keras.Sequential):
    """keras.Sequential whose fit minimizes cost's J, the logits loss plus model.losses, in the model's dtype.
    Keras' own compute_loss casts the compiled loss to floatx (float32) and then cannot add float64 penalties
    to it (a TypeError in ops.sum): a float64 model with a kernel_regularizer cannot fit. This is the
    override Keras documents for a custom loss."""

    def compute_loss(self, x=None, y=None, y_pred=None, sample_weight=None, training=True):
        return _loss(self)(y, y_pred) + _penalty(self)


def _check_examples(model, X):
    """X's examples against the given masks', before Keras calls the layers (it wraps an error raised in a layer's
    call in its own lines)."""
    for layer in model.layers:
        if isinstance(layer, CourseDropout):
            check_mask_examples(X.shape[1], layer.D.shape[0])
            return


def _dtype(model):
    return _dense_layers(model)[0].kernel.dtype


def _dense_layers(model):
    """The Dense layers, W[1] ... W[L]: model.layers lists the dropout layers too (and never the Input)."""
    return [layer for layer in model.layers if isinstance(layer, keras.layers.Dense)]


class _L2(keras.regularizers.L2):
    """Keras' L2, l2 sum(w^2), with l2 in w's dtype: Keras' casts the Python float with ops.cast, i.e. through
    float32 (0.04375 becomes 0.0437499993), which moves a float64 penalty by 2e-8 relative."""

    def __call__(self, x):
        return tf.constant(self.l2, x.dtype) * tf.reduce_sum(tf.square(x))


def _penalty(model):
    """sum(model.losses): the regularizers' penalties on the current weights (0 without L2), in the model's dtype."""
    return sum(model.losses, tf.zeros((), _dtype(model)))


class _PenaltyHistory(keras.callbacks.Callback):
    """The L2 term before each of fit's updates."""

    def __init__(self):
        super().__init__()
        self.values = []

    def on_train_batch_begin(self, batch, logs=None):
        self.values.append(float(_penalty(self.model)))


def _course_layout(pairs, prefix=""):
    """{W1, b1, ...} (or dW1, db1, ...) from (kernel, bias) pairs, as tensors apart from the model."""
    params = {}
    for l, (kernel, bias) in enumerate(pairs, start=1):
        params[f"{prefix}W{l}"] = tf.transpose(kernel)                  # (n[l-1], n[l]) -> (n[l], n[l-1])
        params[f"{prefix}b{l}"] = tf.expand_dims(tf.identity(bias), 1)  # (n[l],) -> (n[l], 1)
    return params


__all__ = ["L2_VARIANTS", "CourseDropout", "build", "dropout_layer", "load_params", "export_params", "forward", "cost",
           "gradients", "sgd", "train_step", "train", "predict"]
