"""Writes the Keras fixtures sparktune's tests read, with Keras itself.

Run from this folder with Keras 3.15.1 on TensorFlow 2.21.0 (CPU):
    python make_fixtures.py
It writes, for 32x32 RGB images in 10 classes:
    sequential.json   a Sequential CNN's model.to_json()
    functional.json   a functional model with a residual connection, model.to_json()
    unsupported.json  a model with a layer DL4J cannot import (a Lambda)
    sequential.keras, functional.keras
                      the same two models with weights (the functional one trained a few steps, so its batch
                      norm's moving statistics are not the defaults), in Keras 3's own format
    outputs.json      each .keras model's class probabilities for two images given by a formula:
                      pixel (image n, row y, column x, channel c) = ((n * 5 + y * 7 + x * 3 + c * 11) % 17) / 16
"""
import json

import numpy as np
import keras
from keras import layers

keras.utils.set_random_seed(1)


def sequential():
    return keras.Sequential([
        keras.Input(shape=(32, 32, 3)),
        layers.Conv2D(8, 3, padding="same", activation="relu"),
        layers.MaxPooling2D(2),
        layers.Conv2D(16, 3, padding="same", activation="relu"),
        layers.MaxPooling2D(2),
        layers.Flatten(),
        layers.Dropout(0.2),
        layers.Dense(10, activation="softmax"),
    ])


def functional():
    image = keras.Input(shape=(32, 32, 3))
    stem = layers.Conv2D(8, 3, padding="same", activation="relu")(image)
    a = layers.Conv2D(8, 3, padding="same", activation="relu")(stem)
    b = layers.Conv2D(8, 3, padding="same")(a)
    b = layers.BatchNormalization()(b)
    joined = layers.Activation("relu")(layers.Add()([b, stem]))
    pooled = layers.GlobalAveragePooling2D()(joined)
    return keras.Model(image, layers.Dense(10, activation="softmax")(pooled))


def unsupported():
    image = keras.Input(shape=(32, 32, 3))
    doubled = layers.Lambda(lambda x: x * 2.0)(image)
    pooled = layers.GlobalAveragePooling2D()(doubled)
    return keras.Model(image, layers.Dense(10, activation="softmax")(pooled))


def images():
    n, y, x, c = np.meshgrid(np.arange(2), np.arange(32), np.arange(32), np.arange(3), indexing="ij")
    return (((n * 5 + y * 7 + x * 3 + c * 11) % 17) / 16).astype("float32")


if __name__ == "__main__":
    model = sequential()
    with open("sequential.json", "w") as f:
        f.write(model.to_json())
    with open("functional.json", "w") as f:
        f.write(functional().to_json())
    with open("unsupported.json", "w") as f:
        f.write(unsupported().to_json())
    outputs = {}
    for name, net in (("sequential", sequential()), ("functional", functional())):
        net.compile(optimizer="adam", loss="categorical_crossentropy")
        rng = np.random.default_rng(1)
        net.fit(rng.random((64, 32, 32, 3), dtype="float32"), np.eye(10)[rng.integers(0, 10, 64)], epochs=2,
                batch_size=16, verbose=0)
        net.save(name + ".keras")
        outputs[name] = net.predict(images(), verbose=0).tolist()
    with open("outputs.json", "w") as f:
        json.dump(outputs, f)
