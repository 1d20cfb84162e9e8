// Learned embeddings for factor inputs (first layer only): each listed input column holds a
// level index (the ColumnEncoder's "embedding" encoding; the last level is the unknown bucket) and
// is replaced by that level's row of a [levels × dims] table; every other column passes through.
// Output columns keep the input order, each index column widened to its dims.
// Indices are rounded and clamped, so a damaged value selects the unknown bucket, never memory
// outside the table. Backward adds each row's gradient into the selected table row, rows in
// order (a fixed summation order: bitwise reproducible). Index columns get no input gradient.
#pragma once

#include "Layer.h"
#include "NetworkSpec.h"

#include <string>

namespace layerlab::engine::nn {

class EmbeddingLayer final : public Layer {
public:
    EmbeddingLayer(int inputs, std::vector<EmbeddingColumn> columns, std::string name);

    std::vector<ParameterView> parameterLayout() const override;
    void bind(float* params, float* grads) override;
    void initialize(Rng& rng) override;
    void forward(ConstMatrixMap in, MatrixMap out, Mode mode, Rng& rng) override;
    void backward(ConstMatrixMap in, ConstMatrixMap out, ConstMatrixMap dOut, MatrixMap dIn) override;

    /// The level a cell selects: rounded, clamped to [0, levels - 1]; NaN → the last (unknown).
    static int level(float value, int levels);

private:
    static int widthOf(int inputs, const std::vector<EmbeddingColumn>& columns);

    std::vector<EmbeddingColumn> m_columns;
    std::vector<std::size_t> m_tableOffset; // per column, into the layer's parameter block
    std::vector<int> m_embedded;            // per input column: index into m_columns, or -1
    std::string m_name;
    float* m_params = nullptr;
    float* m_grads = nullptr;
};

} // namespace layerlab::engine::nn
