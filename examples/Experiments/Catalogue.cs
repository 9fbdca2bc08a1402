using System;
using System.Collections.Generic;
using System.Globalization;
using StaticNets.Training;

namespace ExperimentsExample;

internal enum DataKind
{
    Mnist,
    FashionMnist,
}

/// <summary>One experiment: what it reproduces, its data, its default training and how it fills its table.</summary>
/// <param name="Name">The command-line name.</param>
/// <param name="Title">What it reproduces.</param>
/// <param name="Data">Which data set it trains on.</param>
/// <param name="Networks">The declared network(s) and optimizer(s), for the header.</param>
/// <param name="ReportTraining">How the report trained, for the header.</param>
/// <param name="DefaultEpochs">Epochs of a full run.</param>
/// <param name="DefaultBatch">Batch size of a full run.</param>
/// <param name="Run">Trains every row and returns the table.</param>
internal sealed record Experiment(
    string Name,
    string Title,
    DataKind Data,
    string Networks,
    string ReportTraining,
    int DefaultEpochs,
    int DefaultBatch,
    Func<Experiment, ExperimentData, RunSettings, TextTable> Run);

/// <summary>A row of the report's tables: the epoch the figure was taken at, its validation loss and accuracy.</summary>
internal sealed record ReportRow(float Rate, int Epoch, double ValidationLoss, double ValidationAccuracy);

internal static class Catalogue
{
    // Report 001 trained 260 full-batch epochs; these defaults use mini-batches so that a full run takes minutes.
    private const int MnistEpochs = 50, FashionEpochs = 30, Report001Batch = 128;

    // Report 000 does not state its epochs or batch size; tf.keras' fit defaults to batches of 32.
    private const int OptimizerEpochs = 20, OptimizerBatch = 32;

    private const string Report001Mnist = "the report: 260 epochs of one full-batch step each, validation every 20; 80/10/10 of 42,000 digits (Table 7's test support is 4,200)";

    private const string Report001Fashion = "the report: 260 epochs of one full-batch step each, validation every 20; 80/10/10 of 70,000 images (Table 8's test support is 7,000)";

    private static readonly string Dash = "—";

    // ---- The reference figures ----------------------------------------------------------------------------------
    // Report 001 (Tables 1-6): learning rate, epoch of the figure, validation loss, validation accuracy.
    private static readonly ReportRow[] Table1 = [new(0.1f, 260, 0.050, 0.916), new(0.5f, 260, 0.025, 0.958), new(1.0f, 160, 4.186, 0.091)];

    private static readonly ReportRow[] Table2 =
        [new(0.0005f, 260, 0.022, 0.961), new(0.001f, 260, 0.018, 0.970), new(0.005f, 260, 0.020, 0.970), new(0.01f, 260, 0.025, 0.967), new(0.05f, 260, 1.836, 0.305)];

    private static readonly ReportRow[] Table3 = [new(0.005f, 260, 0.020, 0.970), new(0.005f, 260, 0.028, 0.970)];

    private static readonly ReportRow[] Table4 = [new(0.01f, 260, 0.122, 0.775), new(0.1f, 260, 0.083, 0.833), new(0.5f, 80, 4.118, 0.106)];

    private static readonly ReportRow[] Table5 =
        [new(0.0005f, 260, 0.057, 0.891), new(0.001f, 260, 0.054, 0.894), new(0.005f, 260, 0.054, 0.896), new(0.01f, 260, 0.058, 0.886), new(0.05f, 80, 3.665, 0.203)];

    private static readonly ReportRow[] Table6 = [new(0.005f, 260, 0.054, 0.896), new(0.005f, 260, 0.062, 0.884)];

    public static IReadOnlyList<Experiment> All { get; } =
    [
        new("lr-gd-mnist", "report 001, Table 1: plain gradient descent on MNIST at learning rates 0.1, 0.5, 1.0", DataKind.Mnist,
            $"{GdMlp.Architecture}; {GdMlp.OptimizerName}", Report001Mnist, MnistEpochs, Report001Batch,
            (e, d, s) => LearningRateSweep(e, "Table 1 (MNIST, GD)", (seed, max) => new GdMlp(seed, max), Table1, d, s)),
        new("lr-gd-fashion", "report 001, Table 4: plain gradient descent on Fashion-MNIST at learning rates 0.01, 0.1, 0.5", DataKind.FashionMnist,
            $"{GdMlp.Architecture}; {GdMlp.OptimizerName}", Report001Fashion, FashionEpochs, Report001Batch,
            (e, d, s) => LearningRateSweep(e, "Table 4 (Fashion-MNIST, GD)", (seed, max) => new GdMlp(seed, max), Table4, d, s)),
        new("lr-adam-mnist", "report 001, Table 2: Adam on MNIST at learning rates 0.0005, 0.001, 0.005, 0.01, 0.05", DataKind.Mnist,
            $"{AdamMlp.Architecture}; {AdamMlp.OptimizerName}", Report001Mnist, MnistEpochs, Report001Batch,
            (e, d, s) => LearningRateSweep(e, "Table 2 (MNIST, Adam)", (seed, max) => new AdamMlp(seed, max), Table2, d, s)),
        new("lr-adam-fashion", "report 001, Table 5: Adam on Fashion-MNIST at learning rates 0.0005, 0.001, 0.005, 0.01, 0.05", DataKind.FashionMnist,
            $"{AdamMlp.Architecture}; {AdamMlp.OptimizerName}", Report001Fashion, FashionEpochs, Report001Batch,
            (e, d, s) => LearningRateSweep(e, "Table 5 (Fashion-MNIST, Adam)", (seed, max) => new AdamMlp(seed, max), Table5, d, s)),
        new("layers-mnist", "report 001, Table 3: one vs two hidden ReLU layers on MNIST, Adam 0.005", DataKind.Mnist,
            $"{AdamMlp.Architecture} vs {AdamMlp2.Architecture}; Adam, learning rate 0.005", Report001Mnist, MnistEpochs, Report001Batch,
            (e, d, s) => Layers(e, "Table 3 (MNIST, one vs two hidden layers, Adam 0.005)", Table3, 0.9719, d, s)),
        new("layers-fashion", "report 001, Table 6: one vs two hidden ReLU layers on Fashion-MNIST, Adam 0.005", DataKind.FashionMnist,
            $"{AdamMlp.Architecture} vs {AdamMlp2.Architecture}; Adam, learning rate 0.005", Report001Fashion, FashionEpochs, Report001Batch,
            (e, d, s) => Layers(e, "Table 6 (Fashion-MNIST, one vs two hidden layers, Adam 0.005)", Table6, 0.8996, d, s)),
        new("optimizers", "report 000: seven optimizers on an MNIST MLP (Adam, SGD, SGD + momentum 0.9, + Nesterov, Adagrad, Adadelta, RMSprop)", DataKind.Mnist,
            $"{KerasAdamMlp.Architecture}; momentum 0.9 as the report states, every other hyper-parameter tf.keras' default",
            "the report: tf.keras, presumably on Keras' 60,000 / 10,000 MNIST; architecture, epochs and batch size not stated", OptimizerEpochs, OptimizerBatch,
            Optimizers),
    ];

    // ---- Tables -------------------------------------------------------------------------------------------------

    private static TextTable LearningRateSweep<TNetwork>(Experiment experiment, string caption, Func<int, int, TNetwork> create, ReportRow[] report, ExperimentData data, RunSettings settings)
        where TNetwork : StaticNets.INetwork
    {
        var table = new TextTable($"{experiment.Name}: {caption}",
            "lr", "report epoch", "report val loss*", "report val acc", "val loss", "val acc", "best val acc (epoch)", "test acc", "time", "<status");
        foreach (ReportRow row in report)
        {
            RunOutcome run = Runner.Run($"lr {Rate(row.Rate)}", create, row.Rate, data, settings);
            table.AddRow(Rate(row.Rate), $"{row.Epoch}", F3(row.ValidationLoss), F3(row.ValidationAccuracy),
                F4(run.ValidationLoss), F4(run.ValidationAccuracy), Best(run), F4(run.TestAccuracy), Seconds(run), run.Status);
        }

        AddNotes(table, settings);
        return table;
    }

    private static TextTable Layers(Experiment experiment, string caption, ReportRow[] report, double reportWeightedF1, ExperimentData data, RunSettings settings)
    {
        var table = new TextTable($"{experiment.Name}: {caption}",
            "<layers", "report val loss*", "report val acc", "report test F1", "val loss", "val acc", "best val acc (epoch)", "test acc", "test F1", "time", "<status");
        RunOutcome one = Runner.Run("1 hidden layer ", (seed, max) => new AdamMlp(seed, max), 0.005f, data, settings);
        RunOutcome two = Runner.Run("2 hidden layers", (seed, max) => new AdamMlp2(seed, max), 0.005f, data, settings);
        AddLayersRow(table, "784-128-10 (ReLU, softmax)", report[0], F4(reportWeightedF1), one);
        AddLayersRow(table, "784-128-64-10 (ReLU, ReLU, softmax)", report[1], Dash, two);
        table.AddNote("test F1: weighted F1 on the test set (the report gives it only for its best network, Tables 7 and 8); the report's figures are all from epoch 260.");
        AddNotes(table, settings, reportEpochs: false);
        return table;
    }

    private static void AddLayersRow(TextTable table, string layers, ReportRow report, string reportF1, RunOutcome run) =>
        table.AddRow(layers, F3(report.ValidationLoss), F3(report.ValidationAccuracy), reportF1,
            F4(run.ValidationLoss), F4(run.ValidationAccuracy), Best(run), F4(run.TestAccuracy), F4(run.TestWeightedF1), Seconds(run), run.Status);

    private static TextTable Optimizers(Experiment experiment, ExperimentData data, RunSettings settings)
    {
        // Report 000's first optimizer table: test accuracy and loss (tf.keras model.evaluate).
        (string Name, string Settings, double Accuracy, double Loss, Func<RunOutcome> Run)[] rows =
        [
            ("Adam", "lr 0.001, β 0.9/0.999, ε 1e-7", 0.9764, 0.0781, () => Runner.Run("Adam    ", (seed, max) => new KerasAdamMlp(seed, max), float.NaN, data, settings)),
            ("SGD", "lr 0.01", 0.9814, 0.0630, () => Runner.Run("SGD     ", (seed, max) => new KerasSgdMlp(seed, max), float.NaN, data, settings)),
            ("SGD + momentum 0.9", "lr 0.01, momentum 0.9 (report)", 0.9813, 0.0647, () => Runner.Run("Momentum", (seed, max) => new KerasMomentumMlp(seed, max), float.NaN, data, settings)),
            ("SGD + Nesterov 0.9", "lr 0.01, momentum 0.9 (report)", 0.9781, 0.0816, () => Runner.Run("Nesterov", (seed, max) => new KerasNesterovMlp(seed, max), float.NaN, data, settings)),
            ("Adagrad", "lr 0.001, accumulator 0.1, ε 1e-7", 0.9800, 0.0681, () => Runner.Run("Adagrad ", (seed, max) => new KerasAdagradMlp(seed, max), float.NaN, data, settings)),
            ("Adadelta", "lr 0.001, ρ 0.95, ε 1e-7", 0.9800, 0.0681, () => Runner.Run("Adadelta", (seed, max) => new KerasAdadeltaMlp(seed, max), float.NaN, data, settings)),
            ("RMSprop", "lr 0.001, ρ 0.9, ε 1e-7", 0.9818, 0.0787, () => Runner.Run("RMSprop ", (seed, max) => new KerasRmspropMlp(seed, max), float.NaN, data, settings)),
        ];

        var table = new TextTable($"{experiment.Name}: report 000, optimizer comparison (MNIST MLP)",
            "<optimizer", "<hyper-parameters (tf.keras defaults unless marked)", "report acc", "report loss", "val acc", "best val acc (epoch)", "test acc", "test loss", "time", "<status");
        foreach (var row in rows)
        {
            RunOutcome run = row.Run();
            table.AddRow(row.Name, row.Settings, F4(row.Accuracy), F4(row.Loss), F4(run.ValidationAccuracy), Best(run), F4(run.TestAccuracy), F4(run.TestLoss), Seconds(run), run.Status);
        }

        table.AddNote("report acc / loss: the report's first optimizer table, tf.keras evaluation (presumably on the 10,000 Keras test digits); compare with our test acc / loss.");
        AddNotes(table, settings, report001: false);
        return table;
    }

    private static void AddNotes(TextTable table, RunSettings settings, bool report001 = true, bool reportEpochs = true)
    {
        if (report001)
        {
            table.AddNote("* the report's loss is the mean binary cross-entropy over the 10 outputs (LossFunction.py in the code the report cites, its reference 1); ours is softmax cross-entropy: different scales.");
        }

        if (report001 && reportEpochs)
        {
            table.AddNote("report epoch: the epoch the report's figure is from (260 = the end of its run; less = the run was cut short after blowing up).");
        }

        table.AddNote($"ours: {Epochs(settings.Epochs)}, {settings.DescribeBatch()}, seed {settings.Seed}; every figure is that of the final weights, " +
                      "except best val acc, the highest validation accuracy over the epochs (and the epoch it was reached).");
    }

    // ---- Formatting ---------------------------------------------------------------------------------------------

    public static string Epochs(int count) => count == 1 ? "1 epoch" : $"{count} epochs";

    private static string Rate(float rate) => rate.ToString("0.0####", CultureInfo.InvariantCulture);

    private static string F3(double value) => double.IsNaN(value) ? Dash : value.ToString("F3", CultureInfo.InvariantCulture);

    private static string F4(double value) => double.IsNaN(value) ? Dash : value.ToString("F4", CultureInfo.InvariantCulture);

    private static string Best(RunOutcome run) => run.BestValidationEpoch == 0 ? Dash : $"{F4(run.BestValidationAccuracy)} ({run.BestValidationEpoch})";

    private static string Seconds(RunOutcome run) => $"{run.Elapsed.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture)} s";

    public static int EpochsFor(Experiment experiment, bool quick, int? requested) => requested ?? (quick ? 2 : experiment.DefaultEpochs);

    public static int BatchFor(Experiment experiment, int? requested) => requested ?? experiment.DefaultBatch;

    public static string DescribeTraining(RunSettings settings) =>
        $"{Epochs(settings.Epochs)}, {settings.DescribeBatch()}, reshuffled every epoch, validation after every epoch, seed {settings.Seed}" +
        (settings.BatchSize == TrainingOptions.FullBatch ? " (one step per epoch, as the report)" : string.Empty);
}
