from __future__ import annotations

from django import forms


class DevicePasswordForm(forms.Form):
    prefix = "device"  # the settings page holds other forms' "name" fields too

    name = forms.CharField(
        label="Device name",
        max_length=100,
        help_text="So you know which password to revoke, e.g. “iPhone” or “Work Pixel”.",
        widget=forms.TextInput(attrs={"placeholder": "iPhone", "autocomplete": "off"}),
    )
