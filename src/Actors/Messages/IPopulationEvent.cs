namespace MetaLoss.Actors.Messages;

/// <summary>Marker for events the population actor persists; one serializer handles them all.</summary>
public interface IPopulationEvent;

/// <summary>Marker for messages between the host, the population actor, evaluators and other cluster members.</summary>
public interface IPopulationMessage;
