// The LayerLab workbench. Usage: layerlab [--dark] [PROJECT.layerlab]
#include "MainWindow.h"
#include "style/Theme.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QTimer>

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("LayerLab"));
    QApplication::setOrganizationName(QStringLiteral("LayerLab"));
    QApplication::setApplicationVersion(QStringLiteral(LAYERLAB_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("layerlab"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/layerlab.svg")));
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Design, train and inspect neural networks on your own data."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption dark(QStringLiteral("dark"), QStringLiteral("Start with the dark theme."));
    parser.addOption(dark);
    parser.addPositionalArgument(QStringLiteral("project"), QStringLiteral("A .layerlab project to open, or a CSV file to start a project on."));
    parser.process(app);

    using layerlab::widgets::style::Theme;
    Theme::instance().apply(parser.isSet(dark) ? Theme::Kind::Dark : Theme::Kind::Light);
    layerlab::app::MainWindow window;
    window.show();
    if (!parser.positionalArguments().isEmpty()) window.openProject(parser.positionalArguments().first());
    QTimer::singleShot(0, &window, &layerlab::app::MainWindow::offerRecovery);
    return QApplication::exec();
}
