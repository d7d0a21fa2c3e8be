using System.Text.Json.Serialization;

namespace BladderLnAi.Data.Cases;

/// <summary>A slide of a case: a slide of the site's catalogue, added from a slide folder or uploaded.</summary>
public sealed class CaseSlide
{
    public int Id { get; set; }

    public int CaseId { get; set; }

    /// <summary>Catalogue id of the slide (the slug of its file name), as used by the slide and analysis routes.</summary>
    public required string SlideId { get; set; }

    public required string FileName { get; set; }

    public CaseSlideSource Source { get; set; }

    public DateTime AddedUtc { get; set; } = DateTime.UtcNow;

    public string? AddedByUserId { get; set; }

    /// <summary>Analysis job whose findings were copied into the case; null until a completed analysis is imported.</summary>
    public Guid? ImportedJobId { get; set; }

    /// <summary>Lymph nodes that lie (wholly or partly) on this slide.</summary>
    public List<LymphNodeSlide> LymphNodes { get; set; } = [];
}

/// <summary>How a slide came into a case.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CaseSlideSource>))]
public enum CaseSlideSource
{
    /// <summary>Picked from a slide folder of the site.</summary>
    SlideFolder,

    /// <summary>Uploaded through the browser into the site's upload folder.</summary>
    Upload,
}
