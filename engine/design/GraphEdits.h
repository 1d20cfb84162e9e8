// The edits a user makes to a graph of layer nodes, as pure functions from one list of nodes to
// the next (no Qt, no model): splice a new layer in, remove one and reconnect what read it,
// connect and disconnect two layers, wrap layers in a residual connection, keep the list in an
// order the engine can run. GraphModel applies them; the undo commands keep the lists before and
// after. An edit that cannot be made says why, in a sentence for the status bar.
#pragma once

#include "LayerNode.h"

#include <optional>
#include <string>
#include <vector>

namespace layerlab::engine::design {

class GraphEdits {
public:
    using Nodes = std::vector<LayerNode>;
    /// An edit's outcome: the new nodes, or why there are none.
    struct Result {
        std::optional<Nodes> nodes;
        std::string why;
    };

    /// Position of `id` in `nodes`, or -1.
    static int indexOf(const Nodes& nodes, int id);
    /// Ids of the nodes that read `id` (0 = the input row), in list order.
    static std::vector<int> readers(const Nodes& nodes, int id);
    /// Whether `to` reads `from`, directly or through other nodes.
    static bool feeds(const Nodes& nodes, int from, int to);
    /// The output layer's id: the last node when it is dense (0 = none).
    static int outputId(const Nodes& nodes);
    /// Each node reads the one before it (the first reads the input), and none merges, names or
    /// picks columns: what the canvas draws as a row and reorders by dragging.
    static bool isChain(const Nodes& nodes);
    /// A chain again after a reorder: each node reads the one before it.
    static Nodes relinked(Nodes nodes);
    /// The nodes in an order where each reads only earlier ones, kept as close to the given order
    /// as can be, the output last; nullopt when they read in a cycle.
    static std::optional<Nodes> sorted(Nodes nodes);

    /// `node` at list position `index`, reading the node before it (the input at 0) unless it
    /// names what it reads; what read that node after `index` reads the new one instead (a splice).
    /// A Columns node reads the input and feeds nothing yet: a new branch.
    static Nodes inserted(const Nodes& nodes, int index, LayerNode node);
    /// Without `id`; what read it reads what it read (a merge takes all of them).
    static Nodes removed(const Nodes& nodes, int id);
    /// `to` reads `from` (0 = the input row): a merge gains an input, any other layer reads
    /// `from` instead of what it read.
    static Result connected(const Nodes& nodes, int from, int to);
    /// `to` stops reading `from`; refused where `to` would read nothing.
    static Result disconnected(const Nodes& nodes, int from, int to);
    /// A residual connection around `ids` (a run of layers with one way in and one way out):
    /// `add` sums the run's output and what the run reads, and takes the run's place.
    static Result wrapped(const Nodes& nodes, const std::vector<int>& ids, LayerNode add);
};

} // namespace layerlab::engine::design
