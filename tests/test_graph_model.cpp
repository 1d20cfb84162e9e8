// GraphModel, its undo commands and the design check, without a window: specs round-trip through
// the graph, every command undoes to the exact spec it started from, and bad designs are named.
#include "canvas/AddLayerCommand.h"
#include "canvas/DesignCheck.h"
#include "canvas/EditLayerCommand.h"
#include "canvas/GraphDrawing.h"
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

    void aGraphIsHeldAsItIsAndLaidOutByDepth() {
        // A spec the chain of nodes cannot stand for stays exactly as it is (it used to come
        // back a chain), edits do nothing, and the drawing puts each layer after its sources.
        const auto spec = layerlab::engine::nn::parseGraph("a=dense(8,relu)(input); b=dense(8,relu)(a); s=add(a,b); c=concat(s,input)");
        QVERIFY(!GraphModel::isDrawable(spec));
        GraphModel model;
        model.reset(spec);
        QVERIFY(model.holdsGraph());
        QVERIFY(model.toSpec() == spec);
        QCOMPARE(model.insert(0, LayerNode::dense(4)), 0);
        QVERIFY(model.toSpec() == spec);
        // dense a, relu a, dense b, relu b, add, concat, output.
        QCOMPARE(GraphDrawing::columns(spec.sources()), (std::vector<int>{1, 2, 3, 4, 5, 6, 7}));
        const auto wide = layerlab::engine::nn::parseGraph("a=dense(8)(input); b=dense(8)(input); s=add(a,b)");
        QCOMPARE(GraphDrawing::columns(wide.sources()), (std::vector<int>{1, 1, 2, 3}));
        QCOMPARE(GraphDrawing::shapeText({7, 7 * 16}), QStringLiteral("[batch × 7 × 16]"));
        // Rows: a residual block's body goes below, so the skip into the add is not hidden
        // behind the cards it skips; the add comes back to the skip's row.
        const auto rowsOf = [](const layerlab::engine::nn::NetworkSpec& g) {
            std::vector<bool> merges;
            for (const auto& l : g.layers) merges.push_back(layerlab::engine::nn::LayerSpec::isMerge(l.type));
            return GraphDrawing::rows(g.sources(), merges, GraphDrawing::columns(g.sources()));
        };
        // The input feeds the concat too, so its row stays free for that long skip: dense a and its
        // relu go one down, the body of the block one further, the add back up, the concat on top.
        QCOMPARE(rowsOf(spec), (std::vector<int>{1, 1, 2, 2, 1, 0, 0}));
        const auto block = layerlab::engine::nn::parseGraph("a=dense(8,relu)(input); b=dense(8,relu)(a); s=add(a,b)");
        QCOMPARE(rowsOf(block), (std::vector<int>{0, 0, 1, 1, 0, 0}));
        // Two branches from the input (wide and deep): one row each, joined on the first.
        const auto wd = layerlab::engine::nn::parseGraph("e=dense(4)(input[a]); d=dense(8)(input[b,c]); j=concat(e,d)");
        QCOMPARE(rowsOf(wd), (std::vector<int>{0, 0, 1, 1, 0, 0}));
        // A chain with normalization is still a chain of nodes (BatchNorm, LayerNorm on the palette).
        auto normed = layerlab::engine::nn::NetworkSpec::mlp(0, {8}, layerlab::engine::nn::Activation::Relu, 0);
        normed.layers.insert(normed.layers.begin() + 2, layerlab::engine::nn::LayerSpec::of(layerlab::engine::nn::LayerType::BatchNorm));
        normed.layers[2].id = 9;
        QVERIFY(GraphModel::isDrawable(normed));
        model.reset(normed);
        QVERIFY(!model.holdsGraph());
        QCOMPARE(model.nodes()[1].kind, NodeKind::BatchNorm);
        const auto back = model.toSpec(); // (a dense node's activation reads back without its own id)
        QCOMPARE(back.layers.size(), normed.layers.size());
        for (std::size_t i = 0; i < back.layers.size(); ++i) QCOMPARE(back.layers[i].type, normed.layers[i].type);
        QCOMPARE(back.layers[2].id, 9); // problems found at the norm land on its card
        model.insert(2, LayerNode{0, NodeKind::LayerNorm});
        QCOMPARE(model.toSpec().layers[3].type, layerlab::engine::nn::LayerType::LayerNorm);
        // A chain still reads as nodes.
        model.reset(layerlab::engine::nn::NetworkSpec::mlp(0, {8}, layerlab::engine::nn::Activation::Relu, 0));
        QVERIFY(!model.holdsGraph());
        QCOMPARE(model.nodes().size(), std::size_t(2));
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
