using BladderLnAi.Analysis.Pipeline;

namespace BladderLnAi.Analysis.Tests.Pipeline;

[Trait("Category", "Analysis")]
public class FieldPlannerTests
{
    // Most cases use a 512 px field with stride 448, which is the default 12.5 % overlap.
    public static TheoryData<int, int, int, int[]> HandWorkedCases => new()
    {
        // Shorter than one field: one field at 0 that hangs over the edge.
        { 300, 512, 448, new[] { 0 } },

        // Exactly one field.
        { 512, 512, 448, new[] { 0 } },

        // 512 + 2 * 448 = 1408: the strides end exactly at the edge.
        { 1408, 512, 448, new[] { 0, 448, 896 } },

        // 1100 - 512 = 588: the regular origins are 0 and 448, and the last field moves back to 588 to end at 1100.
        { 1100, 512, 448, new[] { 0, 448, 588 } },

        // 600 - 512 = 88, shorter than one stride: two fields, the second moved back to end at the edge.
        { 600, 512, 448, new[] { 0, 88 } },

        // Without overlap the stride equals the field: 10 = 4 + 4 + 2, so the third field moves back to 6.
        { 10, 4, 4, new[] { 0, 4, 6 } },
    };

    [Theory]
    [MemberData(nameof(HandWorkedCases))]
    public void Origins_HandWorkedLength_ReturnsExpectedOrigins(int length, int fieldLength, int stride, int[] expected)
    {
        var origins = FieldPlanner.Origins(length, fieldLength, stride).ToArray();

        Assert.Equal(expected, origins);
    }

    [Fact]
    public void Origins_AnyLength_CoversAxisExactly()
    {
        const int fieldLength = 64;
        const int stride = 56;

        for (var length = fieldLength + 1; length <= 1000; length++)
        {
            var origins = FieldPlanner.Origins(length, fieldLength, stride).ToArray();

            Assert.True(origins[0] == 0, $"Length {length}: first origin is {origins[0]}, expected 0.");
            Assert.True(
                origins[^1] + fieldLength == length,
                $"Length {length}: last field ends at {origins[^1] + fieldLength}, expected the edge.");
            for (var i = 1; i < origins.Length; i++)
            {
                var step = origins[i] - origins[i - 1];
                Assert.True(
                    step is > 0 and <= stride,
                    $"Length {length}: step {step} between origins {origins[i - 1]} and {origins[i]} "
                    + $"is outside 1..{stride}.");
            }
        }
    }
}
