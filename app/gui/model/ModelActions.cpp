#include "ModelActions.h"

#include "ProjectSession.h"
#include "Text.h"
#include "document/ProjectDocument.h"

#include "ExportError.h"
#include "MessageBar.h"
#include "data/CsvReader.h"
#include "io/AtomicFile.h"
#include "model/ModelFile.h"
#include "model/PredictionTable.h"
#include "views/ModelView.h"

#include <QFileDialog>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QMenu>
#include <QtConcurrent/QtConcurrentRun>

namespace layerlab::app::model {

using namespace layerlab::engine;

namespace {

template <typename T>
struct Outcome {
    T value{};
    QString error;
};

QString fileName(const QString& path) { return QFileInfo(path).fileName(); }

} // namespace

ModelActions::ModelActions(QWidget* window, ProjectSession* session, widgets::views::ModelView* view, widgets::MessageBar* messages,
                           QObject* parent)
    : QObject(parent), m_window(window), m_session(session), m_view(view), m_messages(messages) {
    connect(m_view, &widgets::views::ModelView::openRequested, this, &ModelActions::chooseModel);
    connect(m_view, &widgets::views::ModelView::useTrainedRequested, this, &ModelActions::useTrained);
    connect(m_view, &widgets::views::ModelView::predictRequested, this, &ModelActions::choosePredictionData);
    connect(m_view, &widgets::views::ModelView::saveRequested, this, &ModelActions::chooseSaveTarget);
    connect(m_view, &widgets::views::ModelView::exportRequested, this, &ModelActions::chooseExport);
    auto* doc = m_session->document();
    connect(doc, &document::ProjectDocument::runChanged, this, &ModelActions::refreshTrained);
    connect(doc, &document::ProjectDocument::replaced, this, [this] {
        m_showsTrained = true; // a new project: its own run (or none) is what the tab shows
        refreshTrained();
    });
    connect(m_session, &ProjectSession::issuesChanged, this, &ModelActions::showDesignExports);
    refreshTrained();
    showDesignExports();
}

void ModelActions::showDesignExports() {
    // The same checks, in the same words, as the export itself (ModelExporter::problem).
    QStringList parts;
    for (const auto& check : m_session->exportChecks()) {
        const QString name = QString::fromUtf8(exporters::formatTitle(check.format));
        parts << (check.problem.empty() ? tr("✔ %1").arg(name)
                                        : tr("✖ %1: %2").arg(name, QString::fromStdString(check.problem).toHtmlEscaped()));
    }
    m_view->setDesignExports(parts.isEmpty() ? QString()
                                             : tr("<b>This design exports to</b> %1").arg(parts.join(QStringLiteral(" · "))));
}

void ModelActions::populate(QMenu* file) {
    // Before Quit (the menu's last entry), in a group of their own.
    QAction* quit = file->actions().isEmpty() ? nullptr : file->actions().constLast();
    auto add = [&](const QString& text, const QKeySequence& keys, const QString& tip, auto slot) {
        auto* a = new QAction(text, file);
        a->setShortcut(keys);
        a->setToolTip(tip);
        a->setStatusTip(tip);
        connect(a, &QAction::triggered, this, slot);
        file->insertAction(quit, a);
        return a;
    };
    add(tr("Open &Model…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_M), tr("Open a trained model to look at it and predict with it"),
        &ModelActions::chooseModel);
    add(tr("&Export Model…"), QKeySequence(Qt::CTRL | Qt::Key_E), tr("Export the model as ONNX, a C header or JSON"),
        &ModelActions::chooseExport);
    add(tr("&Predict on CSV…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P), tr("Run the model on every row of a CSV file"),
        &ModelActions::choosePredictionData);
    file->insertSeparator(quit);
}

template <typename T>
void ModelActions::start(const QString& what, std::function<T()> work, std::function<void(T)> done) {
    if (m_busy) return;
    m_busy = true;
    m_view->setBusy(true, what);
    auto* watcher = new QFutureWatcher<Outcome<T>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, done] {
        const Outcome<T> r = watcher->result();
        watcher->deleteLater();
        m_busy = false;
        m_view->setBusy(false);
        if (!r.error.isEmpty()) fail(r.error);
        else done(r.value);
    });
    watcher->setFuture(QtConcurrent::run([work]() -> Outcome<T> {
        try {
            return {work(), {}};
        } catch (const std::exception& e) { // engine errors name the file, line and column
            return {T{}, QString::fromUtf8(e.what())};
        }
    }));
}

void ModelActions::openModel(const QString& path) {
    const std::string p = path.toStdString();
    start<std::shared_ptr<const engine::model::Model>>(
        tr("Opening %1…").arg(fileName(path)),
        [p] { return std::make_shared<const engine::model::Model>(engine::model::ModelFile::load(p)); },
        [this, path](std::shared_ptr<const engine::model::Model> m) { show(std::move(m), fileName(path), false); });
}

void ModelActions::useTrained() {
    m_showsTrained = true;
    refreshTrained();
}

void ModelActions::refreshTrained() {
    const auto& run = m_session->document()->run();
    m_view->setTrainedAvailable(run.has_value());
    if (!m_showsTrained) return;
    if (run) show(std::make_shared<const engine::model::Model>(run->model), tr("this project's last run"), true);
    else show(nullptr, {}, true);
}

void ModelActions::show(std::shared_ptr<const engine::model::Model> model, const QString& source, bool trained) {
    m_model = std::move(model);
    m_showsTrained = trained;
    m_table.reset();
    m_predictions.reset();
    m_view->setModel(m_model, source);
    Q_EMIT modelShown();
}

void ModelActions::predictOn(const QString& csvPath) {
    if (!m_model) return fail(tr("No model to predict with: train one or open a model file first"));
    using Result = std::pair<std::shared_ptr<const engine::data::Table>, std::shared_ptr<const engine::model::PredictionTable>>;
    const std::string p = csvPath.toStdString();
    const auto model = m_model;
    start<Result>(
        tr("Predicting on %1…").arg(fileName(csvPath)),
        [p, model] {
            auto table = std::make_shared<engine::data::Table>(engine::data::CsvReader::readFile(p));
            model->preprocessing.deriveColumns(*table); // the formulas the model was trained with
            auto predictions = std::make_shared<const engine::model::PredictionTable>(engine::model::PredictionTable::compute(*model, *table));
            return Result{std::move(table), std::move(predictions)};
        },
        [this, csvPath](Result r) {
            m_table = r.first;
            m_predictions = r.second;
            m_view->setPredictions(m_table, m_predictions, fileName(csvPath));
            Q_EMIT predicted();
        });
}

void ModelActions::savePredictions(const QString& path) {
    if (!m_predictions) return fail(tr("No predictions to save yet: Predict on a CSV first"));
    const std::string p = path.toStdString();
    const auto table = m_table;
    const auto predictions = m_predictions;
    start<bool>(
        tr("Saving %1…").arg(fileName(path)),
        [p, table, predictions] {
            io::writeFileAtomically(p, predictions->toCsv(table.get()));
            return true;
        },
        [this, path](bool) {
            m_view->setStatus(tr("Saved the predictions to %1").arg(path));
            Q_EMIT saved(path);
        });
}

void ModelActions::exportTo(const QString& path, exporters::ExportFormat format) {
    if (!m_model) return fail(tr("No model to export: train one or open a model file first"));
    const std::string p = path.toStdString();
    const auto model = m_model;
    start<bool>(
        tr("Exporting %1…").arg(fileName(path)),
        [p, model, format] {
            exporters::ModelExporter::write(*model, format, p);
            return true;
        },
        [this, path](bool) {
            m_view->setStatus(tr("Exported the model to %1").arg(path));
            m_messages->showMessage(widgets::MessageBar::Kind::Info, tr("Exported the model to %1").arg(path));
            Q_EMIT exported(path);
        });
}

void ModelActions::fail(const QString& message) {
    m_view->setStatus(message, true);
    m_messages->showMessage(widgets::MessageBar::Kind::Error, message);
    Q_EMIT failed(message);
}

void ModelActions::chooseModel() {
    const QString path = QFileDialog::getOpenFileName(m_window, tr("Open Model"), QString(),
                                                      tr("LayerLab models (*.llmodel *.json);;All files (*)"));
    if (!path.isEmpty()) openModel(path);
}

void ModelActions::choosePredictionData() {
    if (!m_model) return fail(tr("No model to predict with: train one or open a model file first"));
    const QString path = QFileDialog::getOpenFileName(m_window, tr("Predict on CSV"), QString(),
                                                      tr("Data files (*.csv *.tsv *.txt *.csv.gz);;All files (*)"));
    if (!path.isEmpty()) predictOn(path);
}

void ModelActions::chooseSaveTarget() {
    const QString path = QFileDialog::getSaveFileName(m_window, tr("Save Predictions"), QStringLiteral("predictions.csv"),
                                                      tr("CSV files (*.csv)"));
    if (!path.isEmpty()) savePredictions(path);
}

void ModelActions::chooseExport() {
    if (!m_model) return fail(tr("No model to export: train one or open a model file first"));
    const QString onnx = tr("ONNX, preprocessing included (*.onnx)"), header = tr("C99 header (*.h)"),
                  json = tr("LayerLab JSON (*.json)");
    QString filter = onnx;
    QString path = QFileDialog::getSaveFileName(m_window, tr("Export Model"), QStringLiteral("model.onnx"),
                                                onnx + QStringLiteral(";;") + header + QStringLiteral(";;") + json, &filter);
    if (path.isEmpty()) return;
    auto format = exporters::formatFromName(QFileInfo(path).suffix().toLower().toStdString());
    if (!format) { // no known extension: the chosen filter decides, and names the file
        format = filter == header ? exporters::ExportFormat::CHeader : filter == json ? exporters::ExportFormat::Json : exporters::ExportFormat::Onnx;
        path += widgets::text(exporters::formatExtension(*format));
    }
    exportTo(path, *format);
}

} // namespace layerlab::app::model
