using Microsoft.Win32.SafeHandles;

namespace BladderLnAi.Slides;

/// <summary>
/// An <c>openslide_t*</c> that is closed with <c>openslide_close</c> once no native call uses it any more.
/// </summary>
internal sealed class OpenSlideHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    /// <summary>Creates an empty handle, which the P/Invoke marshaller fills with the pointer.</summary>
    public OpenSlideHandle()
        : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle()
    {
        OpenSlideNative.Close(handle);
        return true;
    }
}
