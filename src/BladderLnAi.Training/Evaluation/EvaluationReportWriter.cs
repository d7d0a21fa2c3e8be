using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using BladderLnAi.Analysis.Findings;

namespace BladderLnAi.Training.Evaluation;

/// <summary>
/// Writes an <see cref="EvaluationReport"/> as <c>REPORT.json</c> and as <c>REPORT.md</c>, a side-by-side table.
/// </summary>
public static class EvaluationReportWriter
{
    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true };

    /// <summary>
    /// Writes <paramref name="basePath"/>.json and <paramref name="basePath"/>.md, creating the folder if needed. A
    /// trailing <c>.json</c> or <c>.md</c> on the base path is dropped. Returns the two paths.
    /// </summary>
    public static (string JsonPath, string MarkdownPath) Write(EvaluationReport report, string basePath)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentException.ThrowIfNullOrWhiteSpace(basePath);
        var extension = Path.GetExtension(basePath);
        if (extension is ".json" or ".md")
        {
            basePath = basePath[..^extension.Length];
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(basePath));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        var jsonPath = basePath + ".json";
        var markdownPath = basePath + ".md";
        File.WriteAllText(jsonPath, ToJson(report).ToJsonString(JsonOptions) + "\n");
        File.WriteAllText(markdownPath, ToMarkdown(report));
        return (jsonPath, markdownPath);
    }

    /// <summary>Builds the JSON document: one object per method under its code (uniform, two_pass, sliding_window).</summary>
    public static JsonObject ToJson(EvaluationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var root = new JsonObject
        {
            ["created_utc"] = report.CreatedUtc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["model"] = new JsonObject
            {
                ["name"] = report.Model.Name,
                ["version"] = report.Model.Version,
                ["sha256"] = report.Model.Sha256,
                ["execution_provider"] = report.Model.ExecutionProvider,
            },
            ["threshold"] = Round(report.Threshold),
            ["saliency_threshold"] = Round(report.SaliencyThreshold),
            ["itc_radius_microns"] = DetectionMatcher.IsolatedTumourCellsRadiusMicrons,
            ["small_focus_limit_microns"] = DetectionMetrics.SmallFocusLimitMicrons,
            ["slides"] = new JsonArray(report.Slides.Select(SlideJson).ToArray<JsonNode?>()),
        };
        foreach (var method in report.Methods)
        {
            root[method.Method.Code()] = MethodJson(method);
        }

        return root;
    }

    /// <summary>Builds the Markdown page: the metrics of all methods side by side, then the figures per slide.</summary>
    public static string ToMarkdown(EvaluationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var text = new StringBuilder();
        text.AppendLine("# Evaluation report").AppendLine();
        var model = report.Model;
        text.Append(Invariant($"Model {model.Name} {model.Version} on {model.ExecutionProvider}, "));
        text.AppendLine(Invariant(
            $"threshold {report.Threshold:0.###}, saliency threshold {report.SaliencyThreshold:0.###}."));
        text.AppendLine(Invariant($"{report.Slides.Count} slides, created {report.CreatedUtc:yyyy-MM-dd HH:mm} UTC."));
        text.AppendLine();

        var methods = report.Methods;
        text.AppendLine("| metric | " + string.Join(" | ", methods.Select(method => method.Method.Code())) + " |");
        text.AppendLine("| --- |" + string.Concat(methods.Select(_ => " ---: |")));
        AppendRow(text, "recall, isolated tumour cells", methods, method => Recall(method.Metrics.Recall.IsolatedTumourCells));
        AppendRow(text, "recall, micrometastases", methods, method => Recall(method.Metrics.Recall.Micrometastases));
        AppendRow(text, "recall, macrometastases", methods, method => Recall(method.Metrics.Recall.Macrometastases));
        AppendRow(text, "recall, foci under 0.5 mm", methods, method => Recall(method.Metrics.Recall.SmallFoci));
        AppendRow(text, "recall, all foci", methods, method => Recall(method.Metrics.Recall.All));
        AppendRow(text, "false positives per slide", methods, method => Number(method.Metrics.FalsePositivesPerSlide));
        AppendRow(text, "FROC score", methods, method => Number(method.Metrics.Froc.Score));
        foreach (var (rate, index) in Froc.FalsePositiveRates.Select((rate, index) => (rate, index)))
        {
            AppendRow(text, Invariant($"sensitivity at {rate:0.##} FP per slide"), methods,
                method => Number(method.Metrics.Froc.Sensitivities[index].Sensitivity));
        }

        AppendRow(text, "slide AUC", methods, method => Number(method.Metrics.Auc));
        AppendRow(text, "seconds", methods, method => Invariant($"{method.Seconds:0.0}"));
        AppendRow(text, "network passes", methods, method => Invariant($"{method.NetworkPasses}"));
        text.AppendLine();

        text.AppendLine("## Per slide").AppendLine();
        text.AppendLine("| slide | foci (itc/micro/macro) | method | recall | recall under 0.5 mm | false positives | slide score | seconds | passes |");
        text.AppendLine("| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var slide in report.Slides)
        {
            var (itc, micro, macro) = (
                slide.CountFoci(SizeClass.IsolatedTumourCells),
                slide.CountFoci(SizeClass.Micrometastasis),
                slide.CountFoci(SizeClass.Macrometastasis));
            foreach (var method in methods)
            {
                var figures = method.PerSlide.First(candidate => candidate.SlideId == slide.SlideId);
                text.Append(Invariant($"| {slide.SlideId} | {itc}/{micro}/{macro} | {method.Method.Code()} | "));
                text.Append(Invariant($"{Recall(figures.Recall.All)} | {Recall(figures.Recall.SmallFoci)} | "));
                text.AppendLine(Invariant(
                    $"{figures.FalsePositives} | {figures.SlideScore:0.###} | {figures.Seconds:0.0} | {figures.NetworkPasses} |"));
            }
        }

        var radius = DetectionMatcher.IsolatedTumourCellsRadiusMicrons;
        text.AppendLine();
        text.AppendLine("A detection hits a focus when their outlines overlap, or, for isolated tumour cells, when it lies");
        text.AppendLine(Invariant($"within {radius:0} um of them. The FROC leaves isolated tumour cells out, as CAMELYON16 does."));
        return text.ToString();
    }

    private static JsonObject SlideJson(SlideDescription slide) => new()
    {
        ["id"] = slide.SlideId,
        ["file"] = slide.FileName,
        ["microns_per_pixel"] = slide.MicronsPerPixel,
        ["foci"] = new JsonObject
        {
            ["itc"] = slide.CountFoci(SizeClass.IsolatedTumourCells),
            ["micro"] = slide.CountFoci(SizeClass.Micrometastasis),
            ["macro"] = slide.CountFoci(SizeClass.Macrometastasis),
            ["unknown"] = slide.CountFoci(SizeClass.Unknown),
        },
    };

    private static JsonObject MethodJson(MethodReport method)
    {
        var metrics = method.Metrics;
        var sensitivities = new JsonObject();
        foreach (var point in metrics.Froc.Sensitivities)
        {
            sensitivities[point.FalsePositivesPerSlide.ToString("0.##", CultureInfo.InvariantCulture)] = Round(point.Sensitivity);
        }

        return new JsonObject
        {
            ["recall"] = RecallValues(metrics.Recall),
            ["foci"] = RecallCounts(metrics.Recall),
            ["fp_per_slide"] = Round(metrics.FalsePositivesPerSlide),
            ["false_positives"] = metrics.FalsePositives,
            ["froc"] = new JsonObject
            {
                ["score"] = Round(metrics.Froc.Score),
                ["sensitivity_at_fp_per_slide"] = sensitivities,
            },
            ["auc"] = Round(metrics.Auc),
            ["seconds"] = Math.Round(method.Seconds, 2),
            ["network_passes"] = method.NetworkPasses,
            ["per_slide"] = new JsonArray(method.PerSlide.Select(figures => (JsonNode?)new JsonObject
            {
                ["slide"] = figures.SlideId,
                ["recall"] = RecallValues(figures.Recall),
                ["foci"] = RecallCounts(figures.Recall),
                ["false_positives"] = figures.FalsePositives,
                ["slide_score"] = Round(figures.SlideScore),
                ["seconds"] = Math.Round(figures.Seconds, 2),
                ["network_passes"] = figures.NetworkPasses,
            }).ToArray()),
        };
    }

    private static JsonObject RecallValues(RecallBySize recall) => new()
    {
        ["itc"] = Round(recall.IsolatedTumourCells.Value),
        ["micro"] = Round(recall.Micrometastases.Value),
        ["macro"] = Round(recall.Macrometastases.Value),
        ["under_0_5_mm"] = Round(recall.SmallFoci.Value),
        ["all"] = Round(recall.All.Value),
    };

    private static JsonObject RecallCounts(RecallBySize recall) => new()
    {
        ["itc"] = Counts(recall.IsolatedTumourCells),
        ["micro"] = Counts(recall.Micrometastases),
        ["macro"] = Counts(recall.Macrometastases),
        ["under_0_5_mm"] = Counts(recall.SmallFoci),
        ["all"] = Counts(recall.All),
    };

    private static JsonObject Counts(RecallFigure figure) => new()
    {
        ["detected"] = figure.Detected,
        ["total"] = figure.Total,
    };

    private static double? Round(double? value) => value is { } number ? Math.Round(number, 4) : null;

    private static void AppendRow(StringBuilder text, string label, IReadOnlyList<MethodReport> methods, Func<MethodReport, string> cell)
    {
        text.AppendLine($"| {label} | " + string.Join(" | ", methods.Select(cell)) + " |");
    }

    private static string Recall(RecallFigure figure) =>
        figure.Value is { } value ? Invariant($"{value:0.000} ({figure.Detected}/{figure.Total})") : "n/a (0 foci)";

    private static string Number(double? value) => value is { } number ? Invariant($"{number:0.000}") : "n/a";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
