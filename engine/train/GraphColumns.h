// Binds a graph's column groups to the data: each Select layer (input[COL,...]) gets the input
// row's positions its columns encode to, and each Embedding a graph wrote (embedding(dims)(...))
// gets the embedding-encoded factors it reads. Then checks that no layer reads a factor's level
// index as a number (it would train without error and mean nothing).
// Runs once per run, before the spec is bound; the positions are saved with the model.
#pragma once

#include "data/Preprocessor.h"
#include "nn/NetworkSpec.h"

namespace layerlab::engine::train {

/// True when the spec places its own embeddings or column groups (then a run adds no embedding
/// in front of it).
bool placesColumns(const nn::NetworkSpec& spec);
/// Throws SpecError naming the statement and the column.
void bindColumns(nn::NetworkSpec& spec, const data::Preprocessor& pre);
/// The shape after each of `spec`'s layers on this data, bound as a run binds it (column
/// groups, embeddings, the input width and steps, an auto output), without the embedding a run
/// may put in front: what the canvas labels its edges with. Throws nn::LayerError at a layer that
/// cannot work (SpecError otherwise).
std::vector<nn::Shape> boundShapes(nn::NetworkSpec spec, const data::Preprocessor& pre);
/// The same, noting each layer's problem in `problems` instead of throwing at the first
/// (NetworkSpec::sequenceShapes): the shapes of the layers that work stay known. A column group
/// that cannot be bound still throws.
std::vector<nn::Shape> boundShapes(nn::NetworkSpec spec, const data::Preprocessor& pre, std::vector<nn::LayerError>* problems);

} // namespace layerlab::engine::train
