using TinyGen.Diagnostics;

namespace TinyGen.Boards;

/// <summary>
/// The UART register layouts the test harness (firmware/harness/tg_uart.c) can print on. Each becomes
/// the define TG_UART_&lt;KIND&gt; (upper case, '-' as '_') that selects the driver at compile time.
/// </summary>
public static class UartKinds
{
    /// <summary>Arm CMSDK APB UART (MPS2/MPS3 boards).</summary>
    public const string Cmsdk = "cmsdk";
    /// <summary>STM32 F1/F2/F4 USART: SR at 0x00, DR at 0x04, BRR 0x08, CR1 at 0x0C.</summary>
    public const string Stm32UsartV1 = "stm32-usart-v1";
    /// <summary>STM32 F7/L4/H7 USART and LPUART: CR1 at 0x00, BRR 0x0C, ISR at 0x1C, TDR at 0x28.</summary>
    public const string Stm32UsartV2 = "stm32-usart-v2";
    /// <summary>nRF52 UART without EasyDMA: STARTTX task, TXDRDY event, TXD register.</summary>
    public const string Nrf52Uart = "nrf52-uart";
    /// <summary>Arm PrimeCell PL011 (RP2040): DR at 0x00, FR at 0x18.</summary>
    public const string Pl011 = "pl011";

    public static readonly IReadOnlyList<string> All = [Cmsdk, Stm32UsartV1, Stm32UsartV2, Nrf52Uart, Pl011];

    /// <summary>The preprocessor define that selects <paramref name="kind"/>'s driver, e.g. TG_UART_STM32_USART_V1.</summary>
    public static string Define(string kind) =>
        All.Contains(kind)
            ? "TG_UART_" + kind.ToUpperInvariant().Replace('-', '_')
            : throw new TinyGenException($"unknown UART kind '{kind}'; known: {string.Join(", ", All)}");
}
