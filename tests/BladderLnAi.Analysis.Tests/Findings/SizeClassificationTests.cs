using BladderLnAi.Analysis.Findings;

namespace BladderLnAi.Analysis.Tests.Findings;

[Trait("Category", "Analysis")]
public class SizeClassificationTests
{
    // AJCC 8th edition: isolated tumour cells up to 0.2 mm, micrometastasis above 0.2 mm up to 2 mm,
    // macrometastasis above 2 mm. Both limits belong to the smaller class.
    public static TheoryData<double, SizeClass> BoundaryCases => new()
    {
        { 0.0, SizeClass.IsolatedTumourCells },
        { 199.99, SizeClass.IsolatedTumourCells },
        { 200.0, SizeClass.IsolatedTumourCells },
        { 200.01, SizeClass.Micrometastasis },
        { 1999.99, SizeClass.Micrometastasis },
        { 2000.0, SizeClass.Micrometastasis },
        { 2000.01, SizeClass.Macrometastasis },
        { 15000.0, SizeClass.Macrometastasis },
    };

    [Theory]
    [MemberData(nameof(BoundaryCases))]
    public void Classify_GreatestDimension_ReturnsAjccClass(double greatestDimensionMicrons, SizeClass expected)
    {
        var actual = SizeClassification.Classify(greatestDimensionMicrons);

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Classify_NullDimension_ReturnsUnknown()
    {
        var actual = SizeClassification.Classify(null);

        Assert.Equal(SizeClass.Unknown, actual);
    }

    [Fact]
    public void Classify_Limits_MatchPublishedConstants()
    {
        var atIsolatedLimit = SizeClassification.Classify(SizeClassification.IsolatedTumourCellsMaximumMicrons);
        var atMicroLimit = SizeClassification.Classify(SizeClassification.MicrometastasisMaximumMicrons);

        Assert.Equal(200.0, SizeClassification.IsolatedTumourCellsMaximumMicrons);
        Assert.Equal(2000.0, SizeClassification.MicrometastasisMaximumMicrons);
        Assert.Equal(SizeClass.IsolatedTumourCells, atIsolatedLimit);
        Assert.Equal(SizeClass.Micrometastasis, atMicroLimit);
    }

    [Theory]
    [InlineData(SizeClass.Unknown, "unknown", "Size unknown")]
    [InlineData(SizeClass.IsolatedTumourCells, "itc", "Isolated tumour cells")]
    [InlineData(SizeClass.Micrometastasis, "micro", "Micrometastasis")]
    [InlineData(SizeClass.Macrometastasis, "macro", "Macrometastasis")]
    public void CodeAndDisplayName_EachClass_ReturnsJsonAndQuPathNames(
        SizeClass sizeClass,
        string expectedCode,
        string expectedDisplayName)
    {
        var code = sizeClass.Code();
        var displayName = sizeClass.DisplayName();

        Assert.Equal(expectedCode, code);
        Assert.Equal(expectedDisplayName, displayName);
    }
}
