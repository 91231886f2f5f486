import TradeGuardCore
print("tradeguard")
