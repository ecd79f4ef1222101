using System.Net;
using BootstrapBlazor.Components;

namespace MinerPivot.Web.Components.Admin;

public static class Confirmations
{
    /// <summary>Asks before a delete; the dialog's body is markup, so the message is encoded.</summary>
    public static async Task<bool> ConfirmDeleteAsync(this DialogService dialogs, string title, string message)
    {
        var result = await dialogs.ShowModal(title, $"<p class=\"mb-0\">{WebUtility.HtmlEncode(message)}</p>", new ResultDialogOption
        {
            ButtonYesText = "Delete",
            ButtonYesColor = Color.Danger,
            ButtonYesIcon = "",
            ButtonNoText = "Cancel",
            ButtonNoColor = Color.Secondary,
            ButtonNoIcon = "",
            ShowCloseButton = false,
            IsCentered = true,
            Size = Size.Medium,
            // Without the fade the dialog is ready when it is visible: Bootstrap ignores a close during its show transition.
            IsFade = false,
        });
        return result == DialogResult.Yes;
    }
}
