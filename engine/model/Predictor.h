// Runs a Model on raw table rows: applies its preprocessing, the network, then turns logits into
// probabilities and labels. Used by `layerlab-cli evaluate/predict` and (later) the GUI.
// Not thread-safe (owns the network's buffers): one Predictor per thread.
#pragma once

#include "Model.h"
#include "nn/Network.h"

#include <memory>
#include <span>

namespace layerlab::engine::model {

class Predictor {
public:
    explicit Predictor(const Model& model);
    ~Predictor();

    /// Raw network outputs (logits for classification) for rows of a table: [rows × outputs].
    Matrix logits(const data::Table& table, std::span<const std::size_t> rows);
    /// Probabilities per class for classification ([rows × classes]); the value for regression.
    Matrix probabilities(const Matrix& logits) const;
    /// Class index with the highest probability (classification only).
    std::vector<int> predictedClasses(const Matrix& logits) const;

    const Model& model() const { return m_model; }
    nn::Network& network() { return *m_network; }

private:
    const Model& m_model;
    std::unique_ptr<nn::Network> m_network;
};

} // namespace layerlab::engine::model
