// GraphModel, its undo commands and the design check, without a window: specs round-trip through
// the graph, every command undoes to the exact spec it started from, and bad designs are named.
#include "canvas/AddLayerCommand.h"
#include "canvas/DesignCheck.h"
#include "canvas/EditLayerCommand.h"
#include "canvas/GraphDrawing.h"
#include "canvas/GraphEditCommand.h"
#include "canvas/GraphModel.h"
#include "nn/GraphText.h"
#include "canvas/MoveLayerCommand.h"
#include "canvas/RemoveLayerCommand.h"

#include <QSignalSpy>
#include <QTest>
#include <QUndoStack>

using namespace layerlab::engine;
using namespace layerlab::widgets;
using namespace layerlab::widgets::canvas;

class TestGraphModel : public QObject {
    Q_OBJECT
    static nn::NetworkSpec sample() {
        nn::NetworkSpec s = nn::NetworkSpec::mlp(0, {32, 16}, nn::Activation::Tanh, 0);
        s.layers.insert(s.layers.begin() + 2, nn::LayerSpec::dropout(0.25f)); // dense, tanh, dropout
        s.layers.insert(s.layers.begin(), nn::LayerSpec::dropout(0.1f));      // dropout on the inputs
        return s;
    }

private Q_SLOTS:
    void specRoundTrip() {
        GraphModel g;
        g.reset(sample());
        QCOMPARE(g.nodes().size(), std::size_t(4)); // input dropout, dense+tanh+dropout, dense+tanh, output
        QCOMPARE(g.nodes()[0].kind, NodeKind::Dropout);
        QCOMPARE(g.nodes()[1].dropout, 0.25f);
        QCOMPARE(g.nodes()[1].activation, std::optional(nn::Activation::Tanh));
        QVERIFY(g.isOutput(g.nodes().back().id));
        GraphModel again;
        again.reset(g.toSpec());
        QCOMPARE(again.toSpec(), g.toSpec());
        // Layer kinds and settings survive exactly (ids aside, which the graph assigns).
        const auto a = g.toSpec(), b = sample();
        QCOMPARE(a.layers.size(), b.layers.size());
        for (std::size_t i = 0; i < a.layers.size(); ++i) {
            auto x = a.layers[i], y = b.layers[i];
            x.id = y.id = 0;
            QVERIFY2(x == y, qPrintable(QString("layer %1 differs").arg(i)));
        }
    }

    void recurrentLayersRoundTrip() {
        // The spec the CLI builds for `--recurrent gru:8:bi,lstm:4 --hidden 6`: one node per
        // recurrent layer, each keeping its cell, units, steps and direction.
        nn::NetworkSpec spec;
        spec.layers = {nn::LayerSpec::recurrent(nn::Cell::Gru, 8, true, true), nn::LayerSpec::recurrent(nn::Cell::Lstm, 4),
                       nn::LayerSpec::recurrent(nn::Cell::Rnn, 3, false, true), nn::LayerSpec::dense(6),
                       nn::LayerSpec::act(nn::Activation::Relu), nn::LayerSpec::dense(0)};
        for (int i = 0; i < int(spec.layers.size()); ++i) spec.layers[std::size_t(i)].id = i + 1;
        canvas::GraphModel g;
        g.reset(spec);
        QCOMPARE(int(g.nodes().size()), 5);
        QCOMPARE(g.nodes()[0].kind, canvas::NodeKind::Gru);
        QVERIFY(g.nodes()[0].sequences && g.nodes()[0].bidirectional);
        QCOMPARE(g.nodes()[1].kind, canvas::NodeKind::Lstm);
        QCOMPARE(g.nodes()[2].kind, canvas::NodeKind::Rnn);
        nn::NetworkSpec back = g.toSpec();
        back.layers[4].id = spec.layers[4].id; // an activation folded into its dense layer has no id of its own
        QCOMPARE(back, spec);
    }
    void commandsUndoToTheSameSpec() {
        GraphModel g;
        QUndoStack undo;
        g.reset(nn::NetworkSpec::mlp(0, {8}, nn::Activation::Relu, 0));
        const nn::NetworkSpec start = g.toSpec();
        QSignalSpy changed(&g, &GraphModel::changed);
        auto* add = new AddLayerCommand(&g, g.insertionIndex(), LayerNode::dense(4));
        const int added = add->layerId();
        undo.push(add);
        QCOMPARE(g.nodes().size(), std::size_t(3));
        QCOMPARE(g.indexOf(added), 1);
        undo.push(new MoveLayerCommand(&g, added, 0));
        QCOMPARE(g.indexOf(added), 0);
        LayerNode edited = *g.node(added);
        edited.units = 5;
        undo.push(new EditLayerCommand(&g, added, edited, "units"));
        edited.units = 6;
        undo.push(new EditLayerCommand(&g, added, edited, "units")); // merges with the previous edit
        QCOMPARE(undo.count(), 3);
        QCOMPARE(g.node(added)->units, 6);
        const nn::NetworkSpec end = g.toSpec();
        undo.push(new RemoveLayerCommand(&g, g.nodes()[1].id));
        QCOMPARE(g.nodes().size(), std::size_t(2));
        QVERIFY(changed.count() >= 5);
        undo.undo();
        QCOMPARE(g.toSpec(), end);
        while (undo.canUndo()) undo.undo();
        QCOMPARE(g.toSpec(), start);
        while (undo.canRedo()) undo.redo();
        QCOMPARE(g.nodes().size(), std::size_t(2));
        undo.undo();
        QCOMPARE(g.toSpec(), end);
    }

    void designCheck_data() {
        QTest::addColumn<int>("loss");
        QTest::addColumn<int>("targetType");
        QTest::addColumn<int>("classes");
        QTest::addColumn<int>("outputActivation"); // -1 = linear
        QTest::addColumn<int>("outputUnits");
        QTest::addColumn<QString>("expect");       // substring of an error; empty = no errors
        const int ce = int(train::LossKind::SoftmaxCrossEntropy), bce = int(train::LossKind::BinaryCrossEntropy),
                  mse = int(train::LossKind::Mse);
        const int factor = int(data::ColumnType::Factor), numeric = int(data::ColumnType::Numeric),
                  boolean = int(data::ColumnType::Boolean);
        QTest::newRow("fine classifier") << ce << factor << 3 << -1 << 0 << QString();
        QTest::newRow("fine regression") << mse << numeric << 0 << -1 << 0 << QString();
        QTest::newRow("fine binary") << bce << boolean << 2 << -1 << 1 << QString();
        QTest::newRow("softmax with regression") << mse << numeric << 0 << int(nn::Activation::Softmax) << 0 << QString("Softmax output with a regression");
        QTest::newRow("softmax before ce") << ce << factor << 3 << int(nn::Activation::Softmax) << 0 << QString("Remove the softmax");
        QTest::newRow("sigmoid before bce") << bce << boolean << 2 << int(nn::Activation::Sigmoid) << 0 << QString("Remove the sigmoid");
        QTest::newRow("wrong output width") << ce << factor << 3 << -1 << 2 << QString("needs 3");
        QTest::newRow("ce on numbers") << ce << numeric << 0 << -1 << 0 << QString("is numeric");
        QTest::newRow("mse on a factor") << mse << factor << 4 << -1 << 0 << QString("is categorical");
        QTest::newRow("bce on three classes") << bce << factor << 3 << -1 << 0 << QString("has 3 classes");
    }
    void designCheck() {
        QFETCH(int, loss);
        QFETCH(int, targetType);
        QFETCH(int, classes);
        QFETCH(int, outputActivation);
        QFETCH(int, outputUnits);
        QFETCH(QString, expect);
        GraphModel g;
        g.reset(nn::NetworkSpec::mlp(0, {8}, nn::Activation::Relu, outputUnits));
        LayerNode out = g.nodes().back();
        if (outputActivation >= 0) out.activation = static_cast<nn::Activation>(outputActivation);
        g.replace(out.id, out);
        DataSummary d;
        d.loaded = true;
        d.inputs = {"x", "y"};
        d.inputWidth = 2;
        d.target = "t";
        d.targetType = static_cast<data::ColumnType>(targetType);
        d.targetClasses = classes;
        const auto issues = DesignCheck::run(g, d, static_cast<train::LossKind>(loss));
        QString all;
        for (const auto& i : issues)
            if (i.severity == DesignIssue::Severity::Error) all += i.message + "\n";
        if (expect.isEmpty()) QVERIFY2(all.isEmpty(), qPrintable(all));
        else QVERIFY2(all.contains(expect), qPrintable(all));
    }

    void aGraphRoundTripsThroughItsNodes() {
        // A graph is held as nodes by id (a dense layer and the activation only it reads are one
        // node) and written back exactly as it came: the same layers, ids, edges and names.
        const auto spec = nn::parseGraph("a=dense(8,relu)(input); b=dense(8,relu)(a); s=add(a,b); c=concat(s,input)");
        GraphModel model;
        model.reset(spec);
        QVERIFY(!model.isChain());
        QCOMPARE(model.nodes().size(), std::size_t(5)); // a, b, add, concat, output
        QCOMPARE(model.nodes()[2].kind, NodeKind::Add);
        QCOMPARE(model.nodes()[2].from, (std::vector<int>{model.nodes()[0].id, model.nodes()[1].id}));
        QCOMPARE(model.nodes()[3].from, (std::vector<int>{model.nodes()[2].id, 0}));
        QCOMPARE(model.toSpec().toJson().dump(2), spec.toJson().dump(2));
        // The activation's spec id names its node (the design check marks problems there).
        QCOMPARE(model.nodeOfLayer(spec.layers[1].id), model.nodes()[0].id);
        // A dense layer whose pre-activation another layer reads stays apart from its activation.
        const auto pre = nn::parseGraph("d=dense(8)(input); r=activation(relu)(d); s=concat(d,r)");
        model.reset(pre);
        QCOMPARE(model.nodes()[0].activation, std::nullopt);
        QCOMPARE(model.nodes()[1].kind, NodeKind::Activation);
        QCOMPARE(model.toSpec().toJson().dump(2), pre.toJson().dump(2));
        // Wide and deep: column groups, an embedding of one, a concatenation.
        const auto wide = nn::parseGraph("t=embedding(4)(input[shooter]); d=dense(8,relu)(input[x,\"y y\"]); j=concat(t,d)");
        model.reset(wide);
        QCOMPARE(model.nodes()[0].kind, NodeKind::Columns);
        QCOMPARE(model.nodes()[1].kind, NodeKind::Embedding);
        QCOMPARE(model.nodes()[1].units, 4);
        QVERIFY(std::any_of(model.nodes().begin(), model.nodes().end(),
                            [](const LayerNode& n) { return n.columns == std::vector<std::string>{"x", "y y"}; }));
        QCOMPARE(model.toSpec().toJson().dump(2), wide.toJson().dump(2));
    }

    void aGraphIsLaidOutByDepth() {
        const auto spec = nn::parseGraph("a=dense(8,relu)(input); b=dense(8,relu)(a); s=add(a,b); c=concat(s,input)");
        // dense a, relu a, dense b, relu b, add, concat, output.
        QCOMPARE(GraphDrawing::columns(spec.sources()), (std::vector<int>{1, 2, 3, 4, 5, 6, 7}));
        const auto wide = nn::parseGraph("a=dense(8)(input); b=dense(8)(input); s=add(a,b)");
        QCOMPARE(GraphDrawing::columns(wide.sources()), (std::vector<int>{1, 1, 2, 3}));
        QCOMPARE(GraphDrawing::shapeText({7, 7 * 16}), QStringLiteral("[batch × 7 × 16]"));
        // Rows: a residual block's body goes below, so the skip into the add is not hidden
        // behind the cards it skips; the add comes back to the skip's row.
        const auto rowsOf = [](const nn::NetworkSpec& g) {
            std::vector<bool> merges;
            for (const auto& l : g.layers) merges.push_back(nn::LayerSpec::isMerge(l.type));
            return GraphDrawing::rows(g.sources(), merges, GraphDrawing::columns(g.sources()));
        };
        // The input feeds the concat too, so its row stays free for that long skip: dense a and its
        // relu go one down, the body of the block one further, the add back up, the concat on top.
        QCOMPARE(rowsOf(spec), (std::vector<int>{1, 1, 2, 2, 1, 0, 0}));
        const auto block = nn::parseGraph("a=dense(8,relu)(input); b=dense(8,relu)(a); s=add(a,b)");
        QCOMPARE(rowsOf(block), (std::vector<int>{0, 0, 1, 1, 0, 0}));
        // Two branches from the input (wide and deep): one row each, joined on the first.
        const auto wd = nn::parseGraph("e=dense(4)(input[a]); d=dense(8)(input[b,c]); j=concat(e,d)");
        QCOMPARE(rowsOf(wd), (std::vector<int>{0, 0, 1, 1, 0, 0}));
        // The nodes' layout: the same columns, by node (a dense node with its relu is one card).
        GraphModel model;
        model.reset(block);
        const auto at = GraphDrawing::positions(model.nodes(), 100, 10);
        QCOMPARE(at.size(), std::size_t(4)); // a, b, add, output
        QCOMPARE(at[0], QPointF(100, 0));
        QCOMPARE(at[1], QPointF(200, 10)); // the block's body, below the skip
        QCOMPARE(at[2], QPointF(300, 0));
    }

    void aChainWithNormalizationIsStillAChain() {
        auto normed = nn::NetworkSpec::mlp(0, {8}, nn::Activation::Relu, 0);
        normed.layers.insert(normed.layers.begin() + 2, nn::LayerSpec::of(nn::LayerType::BatchNorm));
        normed.layers[2].id = 9;
        GraphModel model;
        model.reset(normed);
        QVERIFY(model.isChain());
        QCOMPARE(model.nodes()[1].kind, NodeKind::BatchNorm);
        const auto back = model.toSpec(); // (a dense node's activation reads back without its own id)
        QCOMPARE(back.layers.size(), normed.layers.size());
        for (std::size_t i = 0; i < back.layers.size(); ++i) QCOMPARE(back.layers[i].type, normed.layers[i].type);
        QCOMPARE(back.layers[2].id, 9); // problems found at the norm land on its card
        LayerNode norm;
        norm.kind = NodeKind::LayerNorm;
        model.insert(2, norm);
        QCOMPARE(model.toSpec().layers[3].type, nn::LayerType::LayerNorm);
        QVERIFY(model.isChain());
        QVERIFY(model.toSpec().isChain()); // written as the chain version wrote it: no edges
        QVERIFY(model.toSpec().layers[3].from.empty());
    }

    void graphEditsUndoToTheSameSpec() {
        GraphModel model;
        QUndoStack undo;
        model.reset(nn::NetworkSpec::mlp(0, {8, 8}, nn::Activation::Relu, 0));
        const std::string chain = model.toSpec().toJson().dump(2);
        const int d1 = model.nodes()[0].id, d2 = model.nodes()[1].id, out = model.nodes()[2].id;
        // Wrap the second layer in a residual connection: add(d2, d1), read by the output.
        LayerNode add;
        add.id = model.nextId();
        auto wrapped = GraphEdits::wrapped(model.nodes(), {d2}, add);
        QVERIFY2(wrapped.nodes, wrapped.why.c_str());
        undo.push(new GraphEditCommand(&model, "wrap", [n = *wrapped.nodes](GraphModel& m) { m.setNodes(n); }));
        QVERIFY(!model.isChain());
        QCOMPARE(model.node(add.id)->from, (std::vector<int>{d2, d1}));
        QCOMPARE(model.node(out)->from, (std::vector<int>{add.id}));
        const nn::NetworkSpec residual = model.toSpec(4);
        nn::NetworkSpec bound = residual;
        bound.bind(4, 1);
        QCOMPARE(bound.sequenceShapes().back().width, 1); // the engine takes it as it is
        QCOMPARE(residual.layers[4].type, nn::LayerType::Add);
        QCOMPARE(residual.layers[4].from, (std::vector<int>{model.node(d2)->activationId, model.node(d1)->activationId}));
        // A loop, a second copy of an edge and a layer left reading nothing are refused, with why.
        QVERIFY(!GraphEdits::connected(model.nodes(), add.id, d2).nodes);
        QVERIFY(GraphEdits::connected(model.nodes(), add.id, d2).why.find("loop") != std::string::npos);
        QVERIFY(!GraphEdits::connected(model.nodes(), d1, add.id).nodes);
        QVERIFY(!GraphEdits::connected(model.nodes(), out, d1).nodes);
        QVERIFY(!GraphEdits::disconnected(model.nodes(), d1, d2).nodes);
        // A concatenation of the input with the block; then its input removed again.
        auto inputToOut = GraphEdits::connected(model.nodes(), 0, add.id);
        QVERIFY(inputToOut.nodes);
        QCOMPARE(inputToOut.nodes->at(std::size_t(GraphEdits::indexOf(*inputToOut.nodes, add.id))).from, (std::vector<int>{d2, d1, 0}));
        auto dropped = GraphEdits::disconnected(*inputToOut.nodes, 0, add.id);
        QVERIFY(dropped.nodes && *dropped.nodes == model.nodes());
        // Removing the block's body: the add reads what the body read (once).
        undo.push(new RemoveLayerCommand(&model, d2));
        QCOMPARE(model.node(add.id)->from, (std::vector<int>{d1}));
        // A move on a graph places the card; Tidy forgets it. Each is one step.
        undo.push(new GraphEditCommand(&model, "move", [d1](GraphModel& m) {
            LayerNode n = *m.node(d1);
            n.placed = true;
            n.x = 40;
            m.replace(d1, n);
        }));
        QVERIFY(model.node(d1)->placed);
        undo.undo();
        QVERIFY(!model.node(d1)->placed);
        undo.undo();
        QVERIFY(model.node(d2));
        undo.undo();
        QVERIFY(model.isChain());
        QCOMPARE(model.toSpec().toJson().dump(2), chain); // byte for byte the chain it was
        undo.redo();
        QCOMPARE(model.toSpec(4).toJson().dump(2), residual.toJson().dump(2)); // and the same graph again, ids and all
    }

    void insertingSplicesAndRemovingReconnects() {
        // A layer added after one that two layers read is read by both instead; removing it
        // gives them back their input. A Columns group is a new branch from the input.
        GraphModel model;
        model.reset(nn::parseGraph("a=dense(8,relu)(input); b=dense(8,relu)(a); s=add(a,b)"));
        const int a = model.nodes()[0].id, b = model.nodes()[1].id, s = model.nodes()[2].id;
        const auto before = model.nodes();
        const int norm = model.insert(1, LayerNode{0, NodeKind::LayerNorm});
        QCOMPARE(model.node(b)->from, (std::vector<int>{norm}));
        QCOMPARE(model.node(s)->from, (std::vector<int>{norm, b}));
        QCOMPARE(model.node(norm)->from, (std::vector<int>{a}));
        model.remove(norm);
        QCOMPARE(model.nodes(), before);
        LayerNode group;
        group.kind = NodeKind::Columns;
        group.columns = {"x"};
        const int g = model.insert(0, group);
        QCOMPARE(model.node(g)->from, (std::vector<int>{0}));
        QCOMPARE(model.node(a)->from, (std::vector<int>{0})); // not spliced: a group starts a branch
        QVERIFY(GraphEdits::readers(model.nodes(), g).empty());
    }

    void emptyHiddenLayerAndMissingOutputAreFlagged() {
        GraphModel g;
        g.reset(nn::NetworkSpec::mlp(0, {8}, nn::Activation::Relu, 0));
        LayerNode hidden = g.nodes()[0];
        hidden.units = 0;
        g.replace(hidden.id, hidden);
        auto issues = DesignCheck::run(g, {}, train::LossKind::Mse);
        QCOMPARE(issues.size(), std::size_t(1));
        QCOMPARE(issues[0].layerId, hidden.id);
        g.remove(g.nodes().back().id);
        g.remove(g.nodes().back().id);
        issues = DesignCheck::run(g, {}, train::LossKind::Mse);
        QVERIFY(DesignCheck::hasErrors(issues));
        QVERIFY(issues[0].message.contains("dense output layer"));
    }
};

QTEST_MAIN(TestGraphModel)
#include "test_graph_model.moc"
