# subscriptions
