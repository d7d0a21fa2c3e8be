using BladderLnAi.Slides;

namespace BladderLnAi.Slides.Tests.OpenSlide;

public class PremultipliedArgbTests
{
    [Theory]
    [InlineData(0x00000000u, 255, 255, 255)] // transparent (outside the slide) -> white
    [InlineData(0xFF102030u, 0x10, 0x20, 0x30)] // opaque -> unchanged
    [InlineData(0x80400000u, 0x40 + 127, 127, 127)] // half transparent dark red over white
    [InlineData(0x10FFFFFFu, 255, 255, 255)] // channel above alpha (invalid input) is clamped
    public void CompositeOverWhite_AddsMissingAlphaAsWhite(uint argb, byte red, byte green, byte blue)
    {
        var rgb = new byte[3];

        PremultipliedArgb.CompositeOverWhite([argb], rgb);

        Assert.Equal([red, green, blue], rgb);
    }
}
